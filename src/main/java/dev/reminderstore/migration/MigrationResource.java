package dev.reminderstore.migration;

import dev.reminderstore.api.Params;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Moving data in and out: the old bot's JSON file, and the whole store as one document. Bodies are streamed. */
@Path("/api/v1/admin")
@Tag(name = "Admin: migration", description = "Legacy JSON import, and export/import of the whole store")
public class MigrationResource {

    static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final LegacyMigration legacy;
    private final StoreExport export;
    private final StoreImport storeImport;

    public MigrationResource(LegacyMigration legacy, StoreExport export, StoreImport storeImport) {
        this.legacy = legacy;
        this.export = export;
        this.storeImport = storeImport;
    }

    @POST
    @Path("/migrate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "migrateLegacy", summary = "Import a legacy watched_reminders.json document; dryRun=true reports without writing")
    @APIResponse(responseCode = "200", description = "The import report: rows created, entries skipped or adjusted")
    @APIResponse(responseCode = "400", description = "Not a legacy document (malformed, truncated, not an object); nothing written")
    public MigrationReport migrate(@QueryParam("dryRun") String dryRun, InputStream body) throws IOException {
        if (Boolean.TRUE.equals(Params.bool("dryRun", dryRun))) {
            return legacy.preview(body, "request body");
        }
        return SpooledBody.of(body, document -> legacy.migrate(document, "request body"));
    }

    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportStore", summary = "The whole store as one versioned JSON document, streamed")
    @APIResponse(responseCode = "200", description = "The store document")
    public Response export() {
        StreamingOutput document = export::write;
        return Response.ok(document)
                .header("Content-Disposition", "attachment; filename=\"reminder-store-" + FILE_STAMP.format(Instant.now()) + ".json\"")
                .build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importStore", summary = "Load a store document (from export) into an empty store")
    @APIResponse(responseCode = "200", description = "Rows loaded per table")
    @APIResponse(responseCode = "400", description = "Not a valid store document; nothing written")
    @APIResponse(responseCode = "409", description = "The store is not empty")
    public StoreImport.Report importStore(InputStream body) throws IOException {
        return SpooledBody.of(body, storeImport::load);
    }
}
