// Initiates the MongoDB replica set once; safe to run again (it then only waits for a primary).
// Run with mongosh against the first member, e.g.
//   mongosh --host mongo-0.mongo:27017 --quiet /scripts/init-replica-set.js
// Used by the compose service mongo-init and by the Kubernetes Job mongo-init-replica-set.
//   MONGO_REPLICA_SET  replica set name (default rs0, must match mongod --replSet)
//   MONGO_RS_MEMBERS   comma-separated host:port of all members, in order (default mongo:27017)
const replicaSet = process.env.MONGO_REPLICA_SET || 'rs0';
const members = (process.env.MONGO_RS_MEMBERS || 'mongo:27017')
  .split(',')
  .map((host) => host.trim())
  .filter((host) => host.length > 0);

function replicaSetInitiated() {
  try {
    rs.status();
    return true;
  } catch (e) {
    if (e.codeName === 'NotYetInitialized' || e.code === 94) {
      return false;
    }
    throw e;
  }
}

if (replicaSetInitiated()) {
  print(`mongo-init: replica set ${replicaSet} already initiated`);
} else {
  const config = {
    _id: replicaSet,
    members: members.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })),
  };
  rs.initiate(config);
  print(`mongo-init: initiated ${replicaSet} with ${members.join(', ')}`);
}

for (let second = 0; second < 120; second++) {
  const hello = db.adminCommand({ hello: 1 });
  if (hello.isWritablePrimary || hello.primary) {
    print(`mongo-init: primary is ${hello.primary || hello.me}`);
    quit(0);
  }
  sleep(1000);
}
print('mongo-init: no primary elected within 120 s');
quit(1);
