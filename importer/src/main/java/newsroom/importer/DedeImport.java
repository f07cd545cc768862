package newsroom.importer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import newsroom.importer.dede.DedeArticle;
import newsroom.importer.dede.DedeCategory;
import newsroom.importer.dede.DedeDump;
import newsroom.importer.dede.DedeMapping;
import newsroom.importer.dede.Report;

/**
 * Brings a DedeCMS site over from its {@code mysqldump}: categories through category-service, articles through
 * article-service's batch import (so they leave on {@code article-lifecycle} like any publication, and listings,
 * stats and the portal learn them as usual), old addresses stored for the portal's 301s. Run it again at any time:
 * what is unchanged is left alone, what changed is updated, what an interrupted run left is finished.
 *
 * <p>{@code ./import-dedecms.sh dump.sql --prefix dede_ --charset gbk --site-url http://www.example.org}
 */
public final class DedeImport {

    private DedeImport() {
    }

    public static void main(String[] args) throws Exception {
        ImportOptions options;
        try {
            options = ImportOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(ImportOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    /** Imports; prints what happened and what was skipped. False if the import could not finish. */
    static boolean run(ImportOptions o) throws Exception {
        long start = System.nanoTime();
        Report report = new Report();
        NewsroomApi api = new NewsroomApi(o.articleService(), o.categoryService(), o.user(), o.password());
        DedeMapping mapping = new DedeMapping(o.siteUrl(), o.cmspath(), o.zone());
        DedeDump dump = new DedeDump(o.dump(), o.charset(), o.prefix(), report);

        say("Reading categories and articles of " + o.dump() + " (" + o.charset().name() + ", prefix "
                + o.prefix() + ") ...");
        DedeDump.Catalog catalog = dump.readCatalog();
        long read = System.nanoTime();
        say("  " + catalog.categories().size() + " categories, " + catalog.articles().size() + " articles in "
                + seconds(start, read));

        CategoryImport.Result categories = o.dryRun() ? dryRun(catalog)
                : new CategoryImport(api, mapping, report).run(catalog.categories(), o.site());
        long categoriesDone = System.nanoTime();
        say("Categories: " + categories.ids().size() + " (" + categories.created() + " created) in "
                + seconds(read, categoriesDone));

        Map<Long, DedeArticle> wanted = new HashMap<>();
        for (DedeArticle article : catalog.articles().values()) {
            var excluded = mapping.exclusion(article);
            if (excluded.isPresent()) {
                report.skip(excluded.get(), "aid " + article.id() + " " + article.title());
            } else if (!categories.ids().containsKey(article.typeid())) {
                report.skip("category missing (typeid not in " + o.prefix() + "arctype, or not imported)",
                        "aid " + article.id() + " typeid " + article.typeid());
            } else {
                wanted.put(article.id(), article);
            }
        }
        say("Importing " + wanted.size() + " articles in batches of " + o.batchSize() + " ...");
        boolean finished = true;
        try (ArticleSender sender = new ArticleSender(o.dryRun() ? null : api, o.site(), o.batchSize(),
                o.parallel(), report)) {
            try {
                dump.readBodies(wanted, (article, body) -> {
                    if (body.isBlank()) {
                        report.skip("empty body", "aid " + article.id() + " " + article.title());
                        return;
                    }
                    DedeCategory category = catalog.categories().get(article.typeid());
                    try {
                        sender.add(mapping.article(article, body, category, categories.ids().get(article.typeid())));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                sender.finish();
            } catch (Exception e) {
                finished = false;
                say("!! The import stopped: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                say("   Run the same command again: what was imported stays, the rest is imported.");
            }
            long end = System.nanoTime();
            say("Articles: " + sender.created + " created, " + sender.updated + " updated, " + sender.unchanged
                    + " unchanged, " + sender.rejected + " refused; " + sender.eventsSent
                    + " article-published events sent" + (sender.eventsPending.get() > 0 ? " ("
                    + sender.eventsPending + " left for the outbox sweep)" : "") + " in "
                    + seconds(categoriesDone, end));
            say("Total: " + seconds(start, end) + " (reading the catalog " + seconds(start, read) + ", categories "
                    + seconds(read, categoriesDone) + ", articles " + seconds(categoriesDone, end) + ")");
            if (finished && o.awaitListed() && !o.dryRun()) {
                finished = awaitListed(api, categories, sender.published.get(), start);
            }
        }
        if (report.total() > 0) {
            say("Skipped or reported (" + report.total() + "):");
            System.out.print(report.describe());
        } else {
            say("Nothing skipped.");
        }
        return finished;
    }

    /**
     * Waits until category-service lists at least as many articles in the imported categories as were published
     * (it learns them from article-lifecycle, so this is when the import is visible everywhere).
     */
    private static boolean awaitListed(NewsroomApi api, CategoryImport.Result categories, int expected, long start)
            throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>(categories.ids().values());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long listed = 0;
        while (System.nanoTime() < deadline) {
            listed = api.categories().stream().filter(c -> ids.contains(c.get("id").asString()))
                    .mapToLong(c -> c.path("articleCount").asLong()).sum();
            if (listed >= expected) {
                say("Listed by category-service: " + listed + " of " + expected + " published, "
                        + seconds(start, System.nanoTime()) + " after the import began");
                return true;
            }
            Thread.sleep(1000);
        }
        say("!! category-service lists " + listed + " of " + expected + " published articles after 10 minutes");
        return false;
    }

    /** Categories as if created (ids "dry-N"), nothing sent: only reading and mapping are measured. */
    private static CategoryImport.Result dryRun(DedeDump.Catalog catalog) {
        Map<Long, String> ids = new HashMap<>();
        CategoryImport.parentsFirst(catalog.categories()).forEach(c -> ids.put(c.id(), "dry-" + c.id()));
        return new CategoryImport.Result(ids, 0);
    }

    private static String seconds(long from, long to) {
        return String.format("%.1f s", Duration.ofNanos(to - from).toMillis() / 1000.0);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
