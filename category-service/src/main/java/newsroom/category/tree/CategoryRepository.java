package newsroom.category.tree;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface CategoryRepository extends MongoRepository<Category, String> {

    List<Category> findByParentId(String parentId);

    Optional<Category> findByParentIdAndSlug(String parentId, String slug);

    boolean existsByParentIdAndSlug(String parentId, String slug);

    long countByParentId(String parentId);

    List<Category> findByMovingNotNull();

    List<Category> findByEventPendingTrue();
}
