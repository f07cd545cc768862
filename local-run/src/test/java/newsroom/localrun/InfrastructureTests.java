package newsroom.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import newsroom.testing.ReservedPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store and the broker start side by side in the background (DataDirectoryTests starts each of them): one that
 * cannot start is reported by name and address, and the other is still stopped on close.
 */
class InfrastructureTests {

    @TempDir
    Path data;

    @Test
    void aStoreThatCannotStartIsReportedAndTheBrokerIsStillStopped() throws Exception {
        int kafkaPort = ReservedPorts.next();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Infrastructure infrastructure = Infrastructure.start(data, taken.getLocalPort(), kafkaPort,
                    ReservedPorts.next(), 1);
            assertThatThrownBy(infrastructure::awaitStarted).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MongoDB-compatible store on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Address already in use");
            infrastructure.close();
        }
        // The broker that did start was stopped: its port is free again.
        try (ServerSocket again = new ServerSocket(kafkaPort, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.isBound()).isTrue();
        }
    }
}
