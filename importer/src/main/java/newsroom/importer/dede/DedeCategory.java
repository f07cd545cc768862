package newsroom.importer.dede;

/**
 * A row of {@code dede_arctype}: a category ("栏目").
 *
 * @param parentId  {@code reid}: 0 for a top-level category
 * @param typedir   its folder, e.g. {@code {cmspath}/a/news}
 * @param namerule  how its articles' files are named, e.g. {@code {typedir}/{Y}/{M}{D}/{aid}.html}
 * @param namerule2 how its list pages are named, e.g. {@code {typedir}/list_{tid}_{page}.html}
 */
public record DedeCategory(long id, long parentId, int sortrank, String name, String typedir, String namerule,
        String namerule2, String defaultname, boolean hidden) {
}
