package newsroom.portal.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins manage the category tree: create, rename (name and slug), reorder (sort order, or one step up or down among
 * the siblings) and hide or show. Each change goes to category-service with the admin's credentials; afterwards the
 * portal's navigation cache is cleared, so the pages show the change at once.
 */
@Controller
class CategoryConsoleController {

    private final CategoryAdminClient admin;
    private final CategoryDirectory directory;
    private final PortalProperties properties;

    CategoryConsoleController(CategoryAdminClient admin, CategoryDirectory directory, PortalProperties properties) {
        this.admin = admin;
        this.directory = directory;
        this.properties = properties;
    }

    @ModelAttribute
    void common(Model model, @AuthenticationPrincipal ConsoleUser user) {
        model.addAttribute("user", user);
        model.addAttribute("site", properties.getSite());
    }

    /** A row of the tree table: the category, its depth, and its siblings' ids for up/down. */
    record Row(Category category, int depth, String parentName, boolean first, boolean last) {
    }

    @GetMapping("/console/categories")
    String tree(@AuthenticationPrincipal ConsoleUser user, Model model) {
        List<Category> roots = admin.tree(user);
        List<Row> rows = new ArrayList<>();
        flatten(roots, 0, null, rows);
        model.addAttribute("rows", rows);
        return "console/categories";
    }

    @PostMapping("/console/categories")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam String name, @RequestParam String slug,
            @RequestParam(required = false) String parentId, @RequestParam(required = false) Integer sortOrder,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.strip());
        body.put("slug", slug.strip());
        if (parentId != null && !parentId.isBlank()) {
            body.put("parentId", parentId);
        }
        if (sortOrder != null) {
            body.put("sortOrder", sortOrder);
        }
        return write(redirect, "已创建栏目「" + name.strip() + "」。", () -> admin.create(user, body));
    }

    @PostMapping("/console/categories/{id}")
    String change(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam(required = false) String name, @RequestParam(required = false) String slug,
            @RequestParam(required = false) Integer sortOrder, RedirectAttributes redirect) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (name != null && !name.isBlank()) {
            changes.put("name", name.strip());
        }
        if (slug != null && !slug.isBlank()) {
            changes.put("slug", slug.strip());
        }
        if (sortOrder != null) {
            changes.put("sortOrder", sortOrder);
        }
        return write(redirect, "已保存。", () -> admin.change(user, id, changes));
    }

    @PostMapping("/console/categories/{id}/visibility")
    String visibility(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam boolean hidden, RedirectAttributes redirect) {
        return write(redirect, hidden ? "栏目已隐藏。" : "栏目已显示。",
                () -> admin.change(user, id, Map.of("hidden", hidden)));
    }

    /** Swaps the sort order with the neighbour above or below (equal orders are spread apart first). */
    @PostMapping("/console/categories/{id}/move")
    String move(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @RequestParam String direction,
            RedirectAttributes redirect) {
        List<Category> siblings = siblingsOf(admin.tree(user), id);
        int index = indexOf(siblings, id);
        int other = "up".equals(direction) ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= siblings.size()) {
            return "redirect:/console/categories";
        }
        Category me = siblings.get(index);
        Category neighbour = siblings.get(other);
        int mine = me.sortOrder();
        int theirs = neighbour.sortOrder();
        if (mine == theirs) {
            theirs = "up".equals(direction) ? mine - 1 : mine + 1;
        }
        int newMine = theirs;
        int newTheirs = mine;
        return write(redirect, "已调整顺序。", () -> {
            admin.change(user, id, Map.of("sortOrder", newMine));
            return admin.change(user, neighbour.id(), Map.of("sortOrder", newTheirs));
        });
    }

    private String write(RedirectAttributes redirect, String message, java.util.function.Supplier<?> change) {
        try {
            change.get();
            redirect.addFlashAttribute("message", message);
        } catch (ConsoleProblem e) {
            if (e.status() == 401) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        } finally {
            directory.evictAll();
        }
        return "redirect:/console/categories";
    }

    private static void flatten(List<Category> level, int depth, String parentName, List<Row> rows) {
        for (int i = 0; i < level.size(); i++) {
            Category c = level.get(i);
            rows.add(new Row(c, depth, parentName, i == 0, i == level.size() - 1));
            flatten(c.children(), depth + 1, c.name(), rows);
        }
    }

    private static List<Category> siblingsOf(List<Category> level, String id) {
        if (indexOf(level, id) >= 0) {
            return level;
        }
        for (Category c : level) {
            List<Category> found = siblingsOf(c.children(), id);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static int indexOf(List<Category> level, String id) {
        for (int i = 0; i < level.size(); i++) {
            if (level.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
