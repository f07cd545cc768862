package newsroom.category.tree;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface CategoryRepository extends MongoRepository<Category, String> {

    List<Category> findByParentId(String parentId);

    boolean existsByParentIdAndSlug(String parentId, String slug);
}
