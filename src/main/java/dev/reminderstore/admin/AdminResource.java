package dev.reminderstore.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of the database file: information, backups, maintenance, integrity. Admin key only. */
@Path("/api/v1/admin")
@Tag(name = "Administration", description = "Database information, backups and maintenance (ADMIN_API_KEY)")
public class AdminResource {

    private final DatabaseAdmin database;
    private final BackupService backups;

    public AdminResource(DatabaseAdmin database, BackupService backups) {
        this.database = database;
        this.backups = backups;
    }

    @GET
    @Path("/database")
    @Operation(operationId = "getDatabaseInfo", summary = "The database file: path, sizes, pages, journal mode, SQLite version, rows per table, schema version")
    @APIResponse(responseCode = "200", description = "Database information")
    public DatabaseInfo info() throws SQLException {
        return database.info();
    }

    @POST
    @Path("/backup")
    @Operation(operationId = "backupNow", summary = "Take a consistent backup now (VACUUM INTO), checked with quick_check; the service keeps serving")
    @APIResponse(responseCode = "201", description = "The backup, written to BACKUP_DIR",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupReport.class)))
    @APIResponse(responseCode = "409", description = "A backup is already running")
    public Response backup() {
        return Response.status(Response.Status.CREATED).entity(backups.backup()).build();
    }

    @GET
    @Path("/backups")
    @Operation(operationId = "listBackups", summary = "The backups in BACKUP_DIR, newest first")
    @APIResponse(responseCode = "200", description = "Backups")
    public List<BackupFile> listBackups() {
        return backups.list();
    }

    @POST
    @Path("/optimize")
    @Operation(operationId = "optimizeDatabase", summary = "PRAGMA optimize, ANALYZE, VACUUM when enough pages are free, WAL checkpoint; writes wait meanwhile")
    @APIResponse(responseCode = "200", description = "Sizes before and after, and what was done")
    @APIResponse(responseCode = "503", description = "Writers kept the database busy for too long")
    public OptimizeReport optimize() throws Exception {
        return database.optimize();
    }

    @POST
    @Path("/integrity-check")
    @Operation(operationId = "checkIntegrity", summary = "PRAGMA integrity_check and PRAGMA foreign_key_check")
    @APIResponse(responseCode = "200", description = "The findings; ok is true when there are none")
    public IntegrityReport integrityCheck() throws SQLException {
        return database.integrityCheck();
    }
}
