package newsroom.importer;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/** The importer's command line: {@code import-dedecms.sh dump.sql --prefix dede_ --charset gbk ...}. */
record ImportOptions(Path dump, String prefix, Charset charset, String site, String siteUrl, String cmspath,
        ZoneId zone, String articleService, String categoryService, String user, String password, int batchSize,
        int parallel, boolean dryRun, boolean awaitListed) {

    static final String USAGE = """
            Usage: import-dedecms.sh DUMP.sql [options]
              --prefix P            table prefix (default dede_)
              --charset C           the dump's character set: gbk, gb2312, utf-8 (default utf-8)
              --site-url URL        the old site's address, e.g. http://www.achie.org: relative links and pictures
                                    are made absolute with it; its host names the site
              --site NAME           the site's name in import records (default: the host of --site-url, or dedecms)
              --cmspath PATH        what {cmspath} stood for in category folders (default empty)
              --timezone ZONE       the old site's time zone, for its file names (default Asia/Shanghai)
              --article-service URL (default http://localhost:8081, plus NEWSROOM_PORT_OFFSET)
              --category-service URL (default http://localhost:8082, plus NEWSROOM_PORT_OFFSET)
              --user U              an editor or admin (default admin)
              --password P          (default: $NEWSROOM_ADMIN_PASSWORD, else the local run's newsroom-admin)
              --batch N             articles per request (default 500, at most 1000)
              --parallel N          requests in flight (default 2)
              --dry-run             read and map everything, send nothing (how long the reading alone takes)
              --await-listed        afterwards, wait until category-service lists every published article
            """;

    static ImportOptions parse(String[] args, Map<String, String> env) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("the dump file comes first");
        }
        Path dump = Path.of(args[0]);
        String prefix = "dede_";
        String charset = "utf-8";
        String site = null;
        String siteUrl = null;
        String cmspath = "";
        String zone = "Asia/Shanghai";
        int offset = Integer.parseInt(env.getOrDefault("NEWSROOM_PORT_OFFSET", "0"));
        String articleService = "http://localhost:" + (8081 + offset);
        String categoryService = "http://localhost:" + (8082 + offset);
        String user = "admin";
        String password = env.getOrDefault("NEWSROOM_ADMIN_PASSWORD", "newsroom-admin");
        int batch = 500;
        int parallel = 2;
        boolean dryRun = false;
        boolean awaitListed = false;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--dry-run") || option.equals("--await-listed")) {
                dryRun |= option.equals("--dry-run");
                awaitListed |= option.equals("--await-listed");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--prefix" -> prefix = value;
                case "--charset" -> charset = value;
                case "--site" -> site = value;
                case "--site-url" -> siteUrl = value;
                case "--cmspath" -> cmspath = value;
                case "--timezone" -> zone = value;
                case "--article-service" -> articleService = value;
                case "--category-service" -> categoryService = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--batch" -> batch = Integer.parseInt(value);
                case "--parallel" -> parallel = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("--batch must be 1..1000");
        }
        if (parallel < 1 || parallel > 16) {
            throw new IllegalArgumentException("--parallel must be 1..16");
        }
        if (site == null) {
            site = siteUrl == null ? "dedecms" : java.net.URI.create(siteUrl).getHost();
        }
        return new ImportOptions(dump, prefix, Charset.forName(charset), site, siteUrl, cmspath, ZoneId.of(zone),
                articleService, categoryService, user, password, batch, parallel, dryRun, awaitListed);
    }
}
