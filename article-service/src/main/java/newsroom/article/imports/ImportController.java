package newsroom.article.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import newsroom.article.editorial.Callers;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk import (editors and admins): up to {@value ImportRequest#MAX_ITEMS} articles per request, authenticated once
 * per request. The answer lists every item's outcome; a bad item is reported there, not as a failed request.
 */
@RestController
@RequestMapping("/api/editorial/imports")
@Tag(name = "Import", description = "Bring articles over from another system (DedeCMS: see the importer module)")
@SecurityRequirement(name = "basicAuth")
@SecurityRequirement(name = "bearerAuth")
class ImportController {

    private final ArticleImporter importer;
    private final Callers callers;

    ImportController(ArticleImporter importer, Callers callers) {
        this.importer = importer;
        this.callers = callers;
    }

    @PostMapping
    @Operation(summary = "Import a batch of articles: created, updated if changed, unchanged, or rejected per item")
    ImportResponse importBatch(@Valid @RequestBody ImportRequest request) {
        return importer.importBatch(request, callers.current());
    }

    @PostMapping("/category-addresses")
    @Operation(summary = "Store old list addresses of imported categories (they answer 301 to the category)")
    CategoryAddresses.Registered categoryAddresses(@Valid @RequestBody CategoryAddresses request) {
        return importer.registerCategoryAddresses(request, callers.current());
    }
}
