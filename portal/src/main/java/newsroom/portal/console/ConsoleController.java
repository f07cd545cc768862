package newsroom.portal.console;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.site.Links;
import newsroom.portal.site.PageFormat;
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
 * The editor console: the article lists (my drafts, the review queue, scheduled, published, unpublished), the
 * editor with preview, the workflow steps and the history with restore. Every action is one call to article-service
 * with the signed-in user's credentials; what they may do is article-service's decision, and its refusal is shown.
 */
@Controller
class ConsoleController {

    /** The workflow steps the console offers, as article-service names them. */
    static final Set<String> STEPS = Set.of("submit", "approve", "reject", "schedule", "unschedule", "publish",
            "unpublish");

    private final EditorialClient editorial;
    private final CategoryDirectory categories;
    private final PageFormat format;
    private final PortalProperties properties;

    ConsoleController(EditorialClient editorial, CategoryDirectory categories, PageFormat format,
            PortalProperties properties) {
        this.editorial = editorial;
        this.categories = categories;
        this.format = format;
        this.properties = properties;
    }

    @ModelAttribute
    void common(Model model, @AuthenticationPrincipal ConsoleUser user) {
        model.addAttribute("user", user);
        model.addAttribute("site", properties.getSite());
        model.addAttribute("fmt", format);
    }

    @GetMapping("/console/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            Model model) {
        model.addAttribute("error", error);
        model.addAttribute("loggedOut", logout != null);
        return "console/login";
    }

    /** The states the list filters on, as article-service names them, with their labels. */
    static final Map<String, String> STATES = new LinkedHashMap<>();

    static {
        STATES.put("DRAFT", "草稿");
        STATES.put("IN_REVIEW", "待审核");
        STATES.put("SCHEDULED", "定时发布");
        STATES.put("PUBLISHED", "已发布");
        STATES.put("UNPUBLISHED", "已撤下");
    }

    /**
     * The article list: one page of article-service's desk (every state; filtered by state, category, author and
     * title; newest change or most views first), 30 rows, and a link to the next page carrying its cursor.
     */
    @GetMapping("/console")
    String dashboard(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String category, @RequestParam(required = false) String author,
            @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor, Model model) {
        DeskPage.Filter filter = new DeskPage.Filter(status, category, author, q, sort, cursor);
        model.addAttribute("filter", filter);
        model.addAttribute("states", STATES);
        try {
            model.addAttribute("desk", editorial.desk(user, filter, 30));
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            model.addAttribute("desk", new DeskPage(List.of(), null, 0, sort));
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("categories", categoryOptions());
        model.addAttribute("categoryNames", categoryNames());
        return "console/dashboard";
    }

    @GetMapping("/console/articles/new")
    String newArticle(Model model) {
        model.addAttribute("form", new ArticleForm());
        model.addAttribute("categories", categoryOptions());
        return "console/new";
    }

    @PostMapping("/console/articles")
    String create(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") ArticleForm form, Model model,
            RedirectAttributes redirect) {
        try {
            EditorialArticle created = editorial.create(user, form.toDraft());
            redirect.addFlashAttribute("message", "草稿已保存。");
            return "redirect:/console/articles/" + created.id();
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("categories", categoryOptions());
            return "console/new";
        }
    }

    @GetMapping("/console/articles/{id}")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        EditorialArticle article = editorial.get(user, id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ArticleForm.of(article));
        }
        return editor(user, article, model);
    }

    private String editor(ConsoleUser user, EditorialArticle article, Model model) {
        model.addAttribute("article", article);
        model.addAttribute("categories", categoryOptions());
        model.addAttribute("publicUrl", "PUBLISHED".equals(article.status())
                ? Links.article(article.id(), article.slug()) : null);
        model.addAttribute("steps", stepsFrom(article.status()));
        model.addAttribute("zone", format.zone().getId());
        try {
            model.addAttribute("revisions", editorial.revisions(user, article.id()));
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            model.addAttribute("revisions", List.of());
            model.addAttribute("revisionsError", e.getMessage());
        }
        return "console/edit";
    }

    @PostMapping("/console/articles/{id}")
    String update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute("form") ArticleForm form, Model model, RedirectAttributes redirect) {
        try {
            editorial.update(user, id, form.getEtag(), form.toDraft());
            redirect.addFlashAttribute("message", "已保存。");
            return "redirect:/console/articles/" + id;
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            model.addAttribute("error", e.getMessage());
            return editor(user, editorial.get(user, id), model);
        }
    }

    @PostMapping("/console/articles/{id}/{step}")
    String step(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable String step,
            @RequestParam(required = false) String etag, @RequestParam(required = false) String note,
            @RequestParam(required = false) String publishAt, RedirectAttributes redirect) {
        if (!STEPS.contains(step)) {
            redirect.addFlashAttribute("error", "未知的操作：" + step);
            return "redirect:/console/articles/" + id;
        }
        try {
            Map<String, Object> body = switch (step) {
                case "reject" -> EditorialClient.body("note", blankToNull(note), null, null);
                case "approve" -> EditorialClient.body("note", blankToNull(note), "publishAt", instant(publishAt));
                case "schedule" -> EditorialClient.body("publishAt", instant(publishAt), null, null);
                default -> null;
            };
            EditorialArticle result = editorial.transition(user, id, step, etag, body);
            redirect.addFlashAttribute("message", done(step, result));
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("error", "发布时间格式不对：" + publishAt);
        }
        return "redirect:/console/articles/" + id;
    }

    @GetMapping("/console/articles/{id}/revisions/{version}")
    String revision(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable long version,
            Model model) {
        EditorialArticle article = editorial.get(user, id);
        model.addAttribute("article", article);
        model.addAttribute("revision", editorial.revision(user, id, version));
        try {
            model.addAttribute("diff", editorial.diff(user, id, version));
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            model.addAttribute("diff", null);
        }
        return "console/revision";
    }

    @PostMapping("/console/articles/{id}/revisions/{version}/restore")
    String restore(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable long version,
            @RequestParam(required = false) String etag, RedirectAttributes redirect) {
        try {
            editorial.restore(user, id, version, etag);
            redirect.addFlashAttribute("message", "已恢复到版本 " + version + "（作为新的版本保存）。");
        } catch (ConsoleProblem e) {
            rethrowIfSignedOut(e);
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/articles/" + id;
    }

    /** What article-service allows from each state (see its ArticleStatus); it still decides. */
    static List<String> stepsFrom(String status) {
        if (status == null) {
            return List.of();
        }
        switch (status) {
            case "DRAFT":
                return List.of("submit", "publish", "schedule");
            case "IN_REVIEW":
                return List.of("approve", "reject", "publish", "schedule");
            case "SCHEDULED":
                return List.of("unschedule", "publish");
            case "PUBLISHED":
                return List.of("unpublish");
            case "UNPUBLISHED":
                return List.of("publish", "schedule");
            default:
                return List.of();
        }
    }

    private static String done(String step, EditorialArticle result) {
        String state = result == null ? "" : "（现在：" + result.status() + "）";
        switch (step) {
            case "submit": return "已提交审核" + state;
            case "approve": return "已通过审核" + state;
            case "reject": return "已退回给作者" + state;
            case "schedule": return "已设定定时发布" + state;
            case "unschedule": return "已取消定时发布" + state;
            case "publish": return "已发布" + state;
            case "unpublish": return "已撤下" + state;
            default: return "完成" + state;
        }
    }

    /** A datetime-local value (in the newsroom's zone) as an instant. */
    private java.time.Instant instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        return LocalDateTime.parse(local.strip()).atZone(format.zone()).toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void rethrowIfSignedOut(ConsoleProblem e) {
        if (e.status() == 401) {
            throw e;
        }
    }

    /** A category in the form's select: its path from the root, e.g. "新闻中心 / 园区规划". */
    record CategoryOption(String id, String label) {
    }

    private List<CategoryOption> categoryOptions() {
        List<CategoryOption> options = new ArrayList<>();
        categories.tree().ifPresent(roots -> roots.forEach(root -> flatten(root, "", options)));
        return options;
    }

    private Map<String, String> categoryNames() {
        Map<String, String> names = new LinkedHashMap<>();
        categoryOptions().forEach(o -> names.put(o.id(), o.label()));
        return names;
    }

    private static void flatten(Category category, String prefix, List<CategoryOption> options) {
        String label = prefix.isEmpty() ? category.name() : prefix + " / " + category.name();
        options.add(new CategoryOption(category.id(), label));
        category.children().forEach(child -> flatten(child, label, options));
    }
}
