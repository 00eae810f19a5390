package dev.reminderstore.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The rules that hold for every operation, written once here instead of on each resource method, so that an endpoint
 * added later is documented as it behaves without anyone remembering to:
 * <ul>
 * <li>every 4xx/5xx answer is a {@link Problem} (ProblemMappers is the only place that writes errors);</li>
 * <li>every /api/v1 operation needs a key (401; 403 with the bot's key on /api/v1/admin), can answer 400 when it takes
 * input (Ids.parse, Bean Validation), 413 when it takes a body (BodySizeLimit) and 503 with Retry-After when the store
 * stays busy (StoreBusyException);</li>
 * <li>every Discord id (a property or parameter named ...Id, or a list named ...Ids) is a string of digits;</li>
 * <li>limit is the page size of PageRequest;</li>
 * <li>every property of a schema that only answers carry is required: Jackson writes each field, null included
 * (classes that leave nulls out, such as Problem, say which properties are required themselves).</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {

    static final String API_PREFIX = "/api/v1/";
    static final String ADMIN_PREFIX = "/api/v1/admin/";
    /** Ids.isValid as a pattern: 1 to 19 digits, no leading zero (the upper bound, 2^63-1, is checked by the service). */
    public static final String ID_PATTERN = "^[1-9][0-9]{0,18}$";
    static final String ID_EXAMPLE = "1187654321098765432";
    static final String SCHEMA_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach(
                (method, operation) -> document(path, method, operation)));
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas.values().forEach(ApiDocumentation::patternIds);
        Set<String> answers = reachable(schemas, responseSchemas(openAPI));
        answers.removeAll(reachable(schemas, requestSchemas(openAPI)));
        answers.stream().map(schemas::get)
                .filter(schema -> schema.getProperties() != null && schema.getRequired() == null)
                .forEach(schema -> schema.setRequired(List.copyOf(schema.getProperties().keySet())));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith(API_PREFIX)) {
            return;
        }
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(ApiKeyDocumentation.SCHEME)));
        APIResponses responses = operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            addIfMissing(responses, "400", "Invalid input: errors[] names each field or parameter and what is wrong");
        }
        addIfMissing(responses, "401", "No key, or not a key of this service");
        if (path.startsWith(ADMIN_PREFIX)) {
            addIfMissing(responses, "403", "The bot's key: this needs ADMIN_API_KEY");
        }
        if (operation.getRequestBody() != null) {
            addIfMissing(responses, "413", "Body larger than the service accepts");
        }
        addIfMissing(responses, "503", "The store stayed busy or its storage is failing; try again after Retry-After");
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                describeProblem(status, response);
            }
        });
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(ApiDocumentation::describeParameter);
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void describeProblem(String status, APIResponse response) {
        if (response.getContent() == null) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        }
        if (status.equals("503") && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again (when the store was busy)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
        }
    }

    private static void describeParameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || !isString(schema)) {
            return;
        }
        if (parameter.getName().endsWith("Id")) {
            schema.pattern(ID_PATTERN).examples(List.of(ID_EXAMPLE));
        } else if (parameter.getName().equals("limit")) {
            parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                    .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                    .defaultValue(PageRequest.DEFAULT_LIMIT));
            parameter.setDescription("Page size");
        } else if (parameter.getName().equals("cursor") && parameter.getDescription() == null) {
            parameter.setDescription("nextCursor of the previous page; absent for the first page");
        }
    }

    private static void patternIds(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (name.endsWith("Id") && isString(property)) {
                property.pattern(ID_PATTERN).examples(List.of(ID_EXAMPLE));
            } else if (name.endsWith("Ids") && property.getItems() != null && isString(property.getItems())) {
                property.getItems().pattern(ID_PATTERN);
            }
        });
    }

    private static boolean isString(Schema schema) {
        return schema.getType() != null && schema.getType().contains(Schema.SchemaType.STRING);
    }

    private static Set<String> responseSchemas(OpenAPI openAPI) {
        Set<String> names = new HashSet<>();
        operations(openAPI).forEach(operation -> operation.getResponses().getAPIResponses().values()
                .forEach(response -> refs(response.getContent(), names)));
        return names;
    }

    private static Set<String> requestSchemas(OpenAPI openAPI) {
        Set<String> names = new HashSet<>();
        operations(openAPI).filter(operation -> operation.getRequestBody() != null)
                .forEach(operation -> refs(operation.getRequestBody().getContent(), names));
        return names;
    }

    private static java.util.stream.Stream<Operation> operations(OpenAPI openAPI) {
        return openAPI.getPaths().getPathItems().values().stream().flatMap(item -> item.getOperations().values().stream());
    }

    private static void refs(Content content, Set<String> names) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> refs(media.getSchema(), names));
        }
    }

    /** The component names a schema refers to directly (itself, its items, properties and compositions). */
    private static void refs(Schema schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_PREFIX)) {
            names.add(schema.getRef().substring(SCHEMA_PREFIX.length()));
        }
        refs(schema.getItems(), names);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> refs(property, names));
        }
        for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (parts != null) {
                parts.forEach(part -> refs(part, names));
            }
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            refs(schema.getAdditionalPropertiesSchema(), names);
        }
    }

    private static Set<String> reachable(Map<String, Schema> schemas, Set<String> roots) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name) && schemas.containsKey(name)) {
                Set<String> next = new HashSet<>();
                refs(schemas.get(name), next);
                todo.addAll(next);
            }
        }
        return seen;
    }
}
