package newsroom.portal.site;

/** The page asked for does not exist (no such published article, no such category): 404. */
public class PageNotFoundException extends RuntimeException {

    public PageNotFoundException(String what) {
        super(what);
    }
}
