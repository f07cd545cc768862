package newsroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ports for services whose address must be known before they start (a child JVM, or a service another one is
 * configured to call). Asking the system for a free port ({@code new ServerSocket(0)}) and closing it does not do:
 * the port it returns is in the ephemeral range, which every outgoing connection also draws from, and while a service
 * starts, dozens open (Kafka, MongoDB); one of them can take the port before the service binds it. That failed CI
 * once (a service's web server could not bind), and the half-started system it left behind took partitions from
 * another test's consumer group.
 *
 * <p>So these ports come from below the ephemeral range (Linux's default starts at 32768), which no outgoing
 * connection uses, in a slice of 1,000 that this JVM holds alone: it keeps a lock on the slice's file in the
 * machine's temporary folder until it exits, so test JVMs running at the same time (system-tests' two forks,
 * local-run's, another checkout's build) never hand out the same port. Each port is checked to be bindable when
 * handed out.
 */
public final class ReservedPorts {

    private static final int FIRST = 20_000;
    private static final int SLICE = 1_000;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "newsroom-reserved-ports");
    private static FileLock held;
    private static int start;
    private static int next;

    private ReservedPorts() {
    }

    /**
     * A port that no other test JVM on this machine hands out meanwhile, not bound now, outside the ephemeral range.
     */
    public static synchronized int next() {
        if (held == null) {
            claimSlice();
        }
        for (int tried = 0; tried < SLICE; tried++) {
            int port = next;
            next = start + (next - start + 1) % SLICE;
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no bindable port in " + start + ".." + (start + SLICE - 1));
    }

    private static void claimSlice() {
        int ephemeralStart = ephemeralStart();
        int slices = (ephemeralStart - FIRST) / SLICE;
        if (slices < 1) {
            throw new IllegalStateException("the ephemeral port range starts at " + ephemeralStart
                    + ": no room below it for the tests' reserved ports from " + FIRST);
        }
        try {
            Files.createDirectories(LOCKS);
            for (int slice = 0; slice < slices; slice++) {
                // Never closed: the lock is this JVM's until it exits (the operating system releases it then).
                FileChannel file = FileChannel.open(LOCKS.resolve("slice-" + slice + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = file.tryLock();
                if (lock != null) {
                    held = lock;
                    start = FIRST + slice * SLICE;
                    next = start;
                    return;
                }
                file.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("all " + slices + " port slices are held by other JVMs (" + LOCKS + ")");
    }

    private static int ephemeralStart() {
        try {
            // readAllLines, not readString: a /proc file says its size is 0, and readString then returned one byte.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
