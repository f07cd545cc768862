package newsroom.contracts;

/**
 * CloudEvents 1.0 attributes as Kafka headers (binary content mode, {@code ce_} prefix), plus the record key.
 * Payloads are JSON ({@code content-type: application/json}).
 */
public final class CloudEventHeaders {

    public static final String PREFIX = "ce_";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    /**
     * The {@code dataschema} URI of a type: names the JSON Schema shipped in this jar
     * ({@link EventTypes#schemaResource}).
     */
    public static String dataSchemaOf(String type) {
        return "urn:newsroom:schema:" + type;
    }
}
