package newsroom.stats.store;

import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.stats.tally.CounterKey;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What one flush writes to MongoDB: every touched counter document once, the refresh entries the counted views
 * changed, and the refresh documents that expired. Built by {@link CounterStore#flush}, one partition at a time.
 */
public final class StoreFlush {

    final Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
    final List<Bson> deletes = new ArrayList<>();
    /** Per partition, the documents kept in its cache until the flush is durable. */
    final Map<PartitionState, List<CounterKey>> pinned = new LinkedHashMap<>();
    private int documents;

    /** What one partition adds to a flush. */
    public record Part(PartitionState state, Map<String, List<WriteModel<Document>>> writes, List<CounterKey> pins,
            Bson expired, int documents) {
    }

    public void add(Part part) {
        part.writes().forEach((collection, models) ->
                writes.computeIfAbsent(collection, k -> new ArrayList<>()).addAll(models));
        if (part.expired() != null) {
            deletes.add(part.expired());
        }
        pinned.put(part.state(), part.pins());
        documents += part.documents();
    }

    /** How many counter documents it writes. */
    public int documents() {
        return documents;
    }

    /** The partitions it writes for. */
    public Collection<PartitionState> partitions() {
        return pinned.keySet();
    }
}
