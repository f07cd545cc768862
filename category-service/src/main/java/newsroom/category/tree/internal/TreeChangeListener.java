package newsroom.category.tree.internal;

import java.util.function.Consumer;
import newsroom.category.tree.CategoryReads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code treeChanges} binding: {@code category-changed} without a consumer group, so every replica gets an
 * anonymous group of its own and hears of tree writes made by the others; any record makes its in-memory tree stale.
 * (This replica's own writes have already done so by the time their record comes back.)
 */
@Configuration
class TreeChangeListener {

    @Bean
    Consumer<Message<byte[]>> treeChanges(CategoryReads reads) {
        return message -> reads.treeChanged();
    }
}
