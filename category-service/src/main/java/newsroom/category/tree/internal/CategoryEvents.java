package newsroom.category.tree.internal;

import java.time.Clock;
import java.util.UUID;
import newsroom.category.tree.Category;
import newsroom.category.tree.CategoryRepository;
import newsroom.contracts.CategoryChanged;
import newsroom.contracts.CategoryChanged.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import newsroom.platform.events.CloudEventPublisher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes every category's full state to the compacted {@code category-changed} topic, keyed by category id.
 * Because each record is a complete snapshot, re-sending is harmless; so at start-up every category is sent again,
 * which repairs any change whose send failed while the broker was away.
 */
@Component
public class CategoryEvents {

    static final String BINDING = "categoryChanged-out-0";
    private static final Logger log = LoggerFactory.getLogger(CategoryEvents.class);

    private final CloudEventPublisher publisher;
    private final CategoryRepository categories;
    private final Clock clock;

    public CategoryEvents(CloudEventPublisher publisher, CategoryRepository categories, Clock clock) {
        this.publisher = publisher;
        this.categories = categories;
        this.clock = clock;
    }

    public void changed(Category category, Change change) {
        CategoryChanged event = new CategoryChanged(category.id(), category.revision(), change, category.name(),
                category.slug(), category.parentId(), category.path(), category.sortOrder(), category.hidden(),
                false, clock.instant());
        send(category.id(), event);
    }

    public void deleted(Category category) {
        CategoryChanged event = new CategoryChanged(category.id(), category.revision() + 1, Change.DELETED,
                category.name(), category.slug(), category.parentId(), category.path(), category.sortOrder(),
                category.hidden(), true, clock.instant());
        send(category.id(), event);
    }

    private void send(String key, CategoryChanged event) {
        try {
            publisher.send(BINDING, key, UUID.randomUUID().toString(), event.occurredAt(), event);
        } catch (RuntimeException e) {
            // The change is stored; the start-up re-publication sends the snapshot again.
            log.warn("Could not publish category {} now; it will be re-sent at next start", key, e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void republishAll() {
        categories.findAll().forEach(c -> changed(c, Change.UPDATED));
    }
}
