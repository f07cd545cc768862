package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where an imported article came from, carried by the {@link ArticlePublished} event of its import.
 *
 * @param system   the system it was imported from, e.g. {@code DedeCMS}
 * @param site     the site it was imported from (the importer's {@code --site}), e.g. {@code www.achie.org}
 * @param sourceId the article's id in that system (DedeCMS's {@code aid})
 * @param clicks   the click count the old system showed, unfiltered (DedeCMS counts every hit, bots and refreshes
 *                 included, and seeds new articles with a random number): a baseline to show beside counted views,
 *                 never to add to them; null when the old system had none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportedFrom(String system, String site, String sourceId, Long clicks) {
}
