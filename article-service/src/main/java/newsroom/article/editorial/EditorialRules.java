package newsroom.article.editorial;

import java.util.Arrays;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The editorial workflow's rules as {@link ArticleEditor} checks them before a change: the version the caller read,
 * who may edit what (writers their own drafts, editors everything), which actions need an editor, and from which
 * states an action may start. Each broken rule is the problem the API answers (412, 403, 409).
 */
final class EditorialRules {

    private EditorialRules() {
    }

    static void requireVersion(Article current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.currentVersion()) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, null, "article " + current.getId()
                    + " is at version " + current.currentVersion() + ", not " + expectedVersion
                    + "; reload it and try again");
        }
    }

    static void requireMayEdit(Article article, Caller caller) {
        if (caller.isEditor()) {
            return;
        }
        if (!caller.owns(article)) {
            throw forbidden("writers may only edit their own articles");
        }
        if (article.getStatus() != ArticleStatus.DRAFT) {
            throw ProblemException.conflict("status", "article " + article.getId() + " is " + article.getStatus()
                    + "; writers may only edit drafts (an editor can reject it back to draft)");
        }
    }

    static void requireEditor(Caller caller, String action) {
        if (!caller.isEditor()) {
            throw forbidden("only editors may " + action + " articles");
        }
    }

    static void requireStatus(Article article, String action, ArticleStatus... allowed) {
        if (!Arrays.asList(allowed).contains(article.getStatus())) {
            throw ProblemException.conflict("status", "cannot " + action + " article " + article.getId()
                    + " while it is " + article.getStatus() + "; allowed from " + Arrays.toString(allowed));
        }
    }

    static ProblemException forbidden(String reason) {
        return new ProblemException(HttpStatus.FORBIDDEN, null, reason);
    }
}
