import HTTPTypes
import Testing

@testable import Iconect

@Suite("Route")
struct RouteTests {
    // MARK: Rendering

    @Test func idsAreEncodedAsOnePathSegment() throws {
        #expect(try Route.getRecord.render(["id": "a/b?c#d% é"]) == "/records/a%2Fb%3Fc%23d%25%20%C3%A9")
        #expect(try Route.getRecord.render(["id": "..."]) == "/records/...")
        #expect(try Route.getRecord.render(["id": "../../admin"]) == "/records/..%2F..%2Fadmin")
        #expect(try Route.getProject.render(["id": "日本"]) == "/projects/%E6%97%A5%E6%9C%AC")
    }

    @Test func severalParametersInTheirPlaces() throws {
        let path = try Route.updateWidget.render(["dashboardId": "d 1", "widgetId": "w/2"])
        #expect(path == "/dashboards/d%201/widgets/w%2F2")
        let chunk = try Route.uploadChunk.render(["uploadSessionId": "s-1", "chunkNumber": "17"])
        #expect(chunk == "/files/upload/chunked/s-1/chunks/17")
    }

    @Test func templatesWithoutParametersRenderAsTheyAre() throws {
        #expect(try Route.searchRecords.render([:]) == "/records/search")
        #expect(try Route.listProjects.render(["unused": "x"]) == "/projects")
    }

    @Test func aValueThatLooksLikeATemplateIsNotExpandedAgain() throws {
        #expect(try Route.updateWidget.render(["dashboardId": "{widgetId}", "widgetId": "w"]) == "/dashboards/%7BwidgetId%7D/widgets/w")
    }

    @Test func missingParameterIsAValidationErrorNamingIt() throws {
        let error = try iconectError { _ = try Route.removeWidget.render(["dashboardId": "d"]) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["widgetId"])
        #expect(error.operation == "iconect_remove_widget")
    }

    @Test func emptyParameterIsAValidationErrorNamingIt() throws {
        let error = try iconectError { _ = try Route.getProject.render(["id": ""]) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["id"])
        #expect(error.operation == "iconect_get_project")
    }

    @Test func areaAndDescription() {
        #expect(Route.getRecord.area == "records")
        #expect(Route.searchRecords.area == "records")
        #expect(Route.uploadChunk.area == "files")
        #expect(Route.getCurrentTheme.area == "themes")
        #expect(Route.getRecord.description == "GET /records/{id}")
        #expect(Route.removeWidget.description == "DELETE /dashboards/{dashboardId}/widgets/{widgetId}")
    }

    // MARK: The catalogue

    /// The 141 API operations of scripts/catalogue.md (148 tools less `iconect_configure` and the 6 local auth tools), in its order.
    static let catalogue: [(route: Route, operation: String, method: String, template: String)] = [
        (.listDataServers, "iconect_list_data_servers", "GET", "/dataservers"),
        (.getDataServer, "iconect_get_data_server", "GET", "/dataservers/{id}"),
        (.createDataServer, "iconect_create_data_server", "POST", "/dataservers"),
        (.updateDataServer, "iconect_update_data_server", "PUT", "/dataservers/{id}"),
        (.deleteDataServer, "iconect_delete_data_server", "DELETE", "/dataservers/{id}"),
        (.listProjects, "iconect_list_projects", "GET", "/projects"),
        (.getProject, "iconect_get_project", "GET", "/projects/{id}"),
        (.createProject, "iconect_create_project", "POST", "/projects"),
        (.updateProject, "iconect_update_project", "PUT", "/projects/{id}"),
        (.deleteProject, "iconect_delete_project", "DELETE", "/projects/{id}"),
        (.listClients, "iconect_list_clients", "GET", "/clients"),
        (.getClient, "iconect_get_client", "GET", "/clients/{id}"),
        (.createClient, "iconect_create_client", "POST", "/clients"),
        (.updateClient, "iconect_update_client", "PUT", "/clients/{id}"),
        (.deleteClient, "iconect_delete_client", "DELETE", "/clients/{id}"),
        (.listFileStores, "iconect_list_file_stores", "GET", "/filestores"),
        (.getFileStore, "iconect_get_file_store", "GET", "/filestores/{id}"),
        (.createFileStore, "iconect_create_file_store", "POST", "/filestores"),
        (.updateFileStore, "iconect_update_file_store", "PUT", "/filestores/{id}"),
        (.deleteFileStore, "iconect_delete_file_store", "DELETE", "/filestores/{id}"),
        (.getFileStoreStats, "iconect_get_file_store_stats", "GET", "/filestores/{id}/stats"),
        (.listFiles, "iconect_list_files", "GET", "/files"),
        (.getFile, "iconect_get_file", "GET", "/files/{id}"),
        (.uploadFile, "iconect_upload_file", "POST", "/files/upload"),
        (.initiateChunkedUpload, "iconect_initiate_chunked_upload", "POST", "/files/upload/chunked/initiate"),
        (.uploadChunk, "iconect_upload_chunk", "POST", "/files/upload/chunked/{uploadSessionId}/chunks/{chunkNumber}"),
        (.completeChunkedUpload, "iconect_complete_chunked_upload", "POST", "/files/upload/chunked/{uploadSessionId}/complete"),
        (.getUploadSession, "iconect_get_upload_session", "GET", "/files/upload/chunked/{id}"),
        (.downloadFile, "iconect_download_file", "GET", "/files/{id}/download"),
        (.deleteFile, "iconect_delete_file", "DELETE", "/files/{id}"),
        (.searchRecords, "iconect_search_records", "GET", "/records/search"),
        (.getRecord, "iconect_get_record", "GET", "/records/{id}"),
        (.createRecord, "iconect_create_record", "POST", "/records"),
        (.updateRecord, "iconect_update_record", "PUT", "/records/{id}"),
        (.deleteRecord, "iconect_delete_record", "DELETE", "/records/{id}"),
        (.bulkUpdateRecords, "iconect_bulk_update_records", "POST", "/records/bulk"),
        (.createRecordRelationship, "iconect_create_record_relationship", "POST", "/records/relationships"),
        (.getRecordRelationships, "iconect_get_record_relationships", "GET", "/records/{recordId}/relationships"),
        (.deleteRecordRelationship, "iconect_delete_record_relationship", "DELETE", "/records/relationships/{id}"),
        (.getBulkOperationStatus, "iconect_get_bulk_operation_status", "GET", "/records/bulk/{operationId}"),
        (.listFields, "iconect_list_fields", "GET", "/fields"),
        (.getField, "iconect_get_field", "GET", "/fields/{id}"),
        (.createField, "iconect_create_field", "POST", "/fields"),
        (.updateField, "iconect_update_field", "PUT", "/fields/{id}"),
        (.deleteField, "iconect_delete_field", "DELETE", "/fields/{id}"),
        (.validateFieldValue, "iconect_validate_field_value", "POST", "/fields/{fieldId}/validate"),
        (.getFieldUsage, "iconect_get_field_usage", "GET", "/fields/{fieldId}/usage"),
        (.duplicateField, "iconect_duplicate_field", "POST", "/fields/duplicate"),
        (.listFolders, "iconect_list_folders", "GET", "/folders"),
        (.getFolder, "iconect_get_folder", "GET", "/folders/{id}"),
        (.createFolder, "iconect_create_folder", "POST", "/folders"),
        (.updateFolder, "iconect_update_folder", "PUT", "/folders/{id}"),
        (.deleteFolder, "iconect_delete_folder", "DELETE", "/folders/{id}"),
        (.moveFolder, "iconect_move_folder", "POST", "/folders/{id}/move"),
        (.copyFolder, "iconect_copy_folder", "POST", "/folders/{id}/copy"),
        (.getFolderTree, "iconect_get_folder_tree", "GET", "/folders/tree"),
        (.getFolderPath, "iconect_get_folder_path", "GET", "/folders/{id}/path"),
        (.listJobs, "iconect_list_jobs", "GET", "/jobs"),
        (.getJob, "iconect_get_job", "GET", "/jobs/{id}"),
        (.createImportJob, "iconect_create_import_job", "POST", "/jobs/import"),
        (.createDeleteJob, "iconect_create_delete_job", "POST", "/jobs/delete"),
        (.createCustomJob, "iconect_create_custom_job", "POST", "/jobs/custom"),
        (.updateJob, "iconect_update_job", "PUT", "/jobs/{id}"),
        (.controlJob, "iconect_control_job", "POST", "/jobs/{id}/control"),
        (.deleteJob, "iconect_delete_job", "DELETE", "/jobs/{id}"),
        (.getJobLogs, "iconect_get_job_logs", "GET", "/jobs/{id}/logs"),
        (.listJobQueues, "iconect_list_job_queues", "GET", "/jobs/queues"),
        (.getJobQueue, "iconect_get_job_queue", "GET", "/jobs/queues/{id}"),
        (.createJobQueue, "iconect_create_job_queue", "POST", "/jobs/queues"),
        (.updateJobQueue, "iconect_update_job_queue", "PUT", "/jobs/queues/{id}"),
        (.deleteJobQueue, "iconect_delete_job_queue", "DELETE", "/jobs/queues/{id}"),
        (.listJobTemplates, "iconect_list_job_templates", "GET", "/jobs/templates"),
        (.getJobTemplate, "iconect_get_job_template", "GET", "/jobs/templates/{id}"),
        (.createJobFromTemplate, "iconect_create_job_from_template", "POST", "/jobs/from-template"),
        (.listJobSchedules, "iconect_list_job_schedules", "GET", "/jobs/schedules"),
        (.createJobSchedule, "iconect_create_job_schedule", "POST", "/jobs/schedules"),
        (.updateJobSchedule, "iconect_update_job_schedule", "PUT", "/jobs/schedules/{id}"),
        (.deleteJobSchedule, "iconect_delete_job_schedule", "DELETE", "/jobs/schedules/{id}"),
        (.listPanels, "iconect_list_panels", "GET", "/panels"),
        (.getPanel, "iconect_get_panel", "GET", "/panels/{id}"),
        (.createPanel, "iconect_create_panel", "POST", "/panels"),
        (.updatePanel, "iconect_update_panel", "PUT", "/panels/{id}"),
        (.deletePanel, "iconect_delete_panel", "DELETE", "/panels/{id}"),
        (.duplicatePanel, "iconect_duplicate_panel", "POST", "/panels/{id}/duplicate"),
        (.exportPanel, "iconect_export_panel", "POST", "/panels/{id}/export"),
        (.getPanelData, "iconect_get_panel_data", "POST", "/panels/{id}/data"),
        (.listTemplates, "iconect_list_templates", "GET", "/templates"),
        (.getTemplate, "iconect_get_template", "GET", "/templates/{id}"),
        (.createTemplate, "iconect_create_template", "POST", "/templates"),
        (.updateTemplate, "iconect_update_template", "PUT", "/templates/{id}"),
        (.deleteTemplate, "iconect_delete_template", "DELETE", "/templates/{id}"),
        (.duplicateTemplate, "iconect_duplicate_template", "POST", "/templates/{id}/duplicate"),
        (.renderTemplate, "iconect_render_template", "POST", "/templates/{id}/render"),
        (.validateTemplate, "iconect_validate_template", "POST", "/templates/{id}/validate"),
        (.getTemplateVariables, "iconect_get_template_variables", "GET", "/templates/{id}/variables"),
        (.listViews, "iconect_list_views", "GET", "/views"),
        (.getView, "iconect_get_view", "GET", "/views/{id}"),
        (.createView, "iconect_create_view", "POST", "/views"),
        (.updateView, "iconect_update_view", "PUT", "/views/{id}"),
        (.deleteView, "iconect_delete_view", "DELETE", "/views/{id}"),
        (.duplicateView, "iconect_duplicate_view", "POST", "/views/{id}/duplicate"),
        (.shareView, "iconect_share_view", "POST", "/views/{id}/share"),
        (.getViewData, "iconect_get_view_data", "POST", "/views/{id}/data"),
        (.exportView, "iconect_export_view", "POST", "/views/{id}/export"),
        (.listUsers, "iconect_list_users", "GET", "/users"),
        (.getUser, "iconect_get_user", "GET", "/users/{id}"),
        (.getCurrentUser, "iconect_get_current_user", "GET", "/users/me"),
        (.updateUser, "iconect_update_user", "PUT", "/users/{id}"),
        (.updateCurrentUser, "iconect_update_current_user", "PUT", "/users/me"),
        (.updateUserPreferences, "iconect_update_user_preferences", "PUT", "/users/{userId}/preferences"),
        (.updateCurrentUserPreferences, "iconect_update_current_user_preferences", "PUT", "/users/me/preferences"),
        (.changePassword, "iconect_change_password", "POST", "/users/me/change-password"),
        (.resetUserPassword, "iconect_reset_user_password", "POST", "/users/{userId}/reset-password"),
        (.getUserPermissions, "iconect_get_user_permissions", "GET", "/users/{userId}/permissions"),
        (.updateUserRoles, "iconect_update_user_roles", "PUT", "/users/{userId}/roles"),
        (.getUserActivity, "iconect_get_user_activity", "GET", "/users/{userId}/activity"),
        (.listDashboards, "iconect_list_dashboards", "GET", "/dashboards"),
        (.getDashboard, "iconect_get_dashboard", "GET", "/dashboards/{id}"),
        (.createDashboard, "iconect_create_dashboard", "POST", "/dashboards"),
        (.updateDashboard, "iconect_update_dashboard", "PUT", "/dashboards/{id}"),
        (.deleteDashboard, "iconect_delete_dashboard", "DELETE", "/dashboards/{id}"),
        (.duplicateDashboard, "iconect_duplicate_dashboard", "POST", "/dashboards/{id}/duplicate"),
        (.addWidget, "iconect_add_widget", "POST", "/dashboards/{dashboardId}/widgets"),
        (.updateWidget, "iconect_update_widget", "PUT", "/dashboards/{dashboardId}/widgets/{widgetId}"),
        (.removeWidget, "iconect_remove_widget", "DELETE", "/dashboards/{dashboardId}/widgets/{widgetId}"),
        (.getWidgetData, "iconect_get_widget_data", "POST", "/dashboards/{dashboardId}/widgets/{widgetId}/data"),
        (.refreshWidget, "iconect_refresh_widget", "POST", "/dashboards/{dashboardId}/widgets/{widgetId}/refresh"),
        (.exportDashboard, "iconect_export_dashboard", "POST", "/dashboards/{id}/export"),
        (.shareDashboard, "iconect_share_dashboard", "POST", "/dashboards/{id}/share"),
        (.listThemes, "iconect_list_themes", "GET", "/themes"),
        (.getTheme, "iconect_get_theme", "GET", "/themes/{id}"),
        (.createTheme, "iconect_create_theme", "POST", "/themes"),
        (.updateTheme, "iconect_update_theme", "PUT", "/themes/{id}"),
        (.deleteTheme, "iconect_delete_theme", "DELETE", "/themes/{id}"),
        (.duplicateTheme, "iconect_duplicate_theme", "POST", "/themes/{id}/duplicate"),
        (.applyTheme, "iconect_apply_theme", "POST", "/themes/{themeId}/apply"),
        (.getCurrentTheme, "iconect_get_current_theme", "GET", "/themes/current"),
        (.previewTheme, "iconect_preview_theme", "POST", "/themes/{themeId}/preview"),
        (.validateTheme, "iconect_validate_theme", "POST", "/themes/validate"),
        (.exportTheme, "iconect_export_theme", "POST", "/themes/{id}/export"),
        (.importTheme, "iconect_import_theme", "POST", "/themes/import"),
    ]

    /// The parameter names of a template, or `nil` when its braces are malformed.
    static func parameters(of template: String) -> [String]? {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber }),
                  name.allSatisfy(\.isASCII), !name.contains("{")
            else { return nil }
            names.append(String(name))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test func thereAre141CatalogueRoutesWithDistinctOperations() {
        #expect(Self.catalogue.count == 141)
        #expect(Set(Self.catalogue.map(\.route.operation)).count == 141)
        #expect(Set(Self.catalogue.map(\.route)).count == 141)
        #expect(Self.catalogue.allSatisfy { $0.route.operation.hasPrefix("iconect_") })
    }

    @Test func everyRouteMatchesTheCatalogue() {
        for entry in Self.catalogue {
            #expect(entry.route.operation == entry.operation)
            #expect(entry.route.method.rawValue == entry.method, "\(entry.operation)")
            #expect(entry.route.template == entry.template, "\(entry.operation)")
        }
    }

    @Test func everyTemplateIsWellFormed() {
        for entry in Self.catalogue {
            let template = entry.route.template
            #expect(template.hasPrefix("/"), "\(template)")
            #expect(!template.hasSuffix("/"), "\(template)")
            #expect(!template.hasPrefix("/v1"), "the version prefix comes from the configuration: \(template)")
            #expect(!template.contains("//") && !template.contains("?") && !template.contains(" "), "\(template)")
            guard let names = Self.parameters(of: template) else {
                Issue.record("malformed parameter braces in \(template)")
                continue
            }
            #expect(Set(names).count == names.count, "repeated parameter in \(template)")
            for segment in template.split(separator: "/") where segment.contains("{") {
                #expect(segment.first == "{" && segment.last == "}", "a parameter must be a whole segment: \(template)")
            }
        }
    }

    @Test func everyRouteRendersWithAllItsParameters() throws {
        for entry in Self.catalogue {
            let names = try #require(Self.parameters(of: entry.route.template))
            let values = Dictionary(uniqueKeysWithValues: names.map { ($0, "v/\($0)") })
            let path = try entry.route.render(values)
            #expect(!path.contains("{") && !path.contains("}"), "\(path)")
            for name in names { #expect(path.contains("v%2F\(name)"), "\(path)") }
            if let first = names.first {
                var missing = values
                missing[first] = nil
                let error = try iconectError { _ = try entry.route.render(missing) }
                #expect(error.fieldErrors[first] != nil)
                #expect(error.operation == entry.operation)
            }
        }
    }

    @Test func wireFormsBeyondTheCatalogue() {
        #expect(Route.putChunk.method == .put)
        #expect(Route.putChunk.template == Route.uploadChunk.template)
        #expect(Route.putChunk.operation == Route.uploadChunk.operation, "statistics count both chunk forms as one operation")
        #expect(Route.abortChunkedUpload.method == .delete)
        #expect(Route.abortChunkedUpload.template == Route.getUploadSession.template)
        #expect(!Self.catalogue.contains { $0.route == Route.putChunk || $0.route == Route.abortChunkedUpload })
    }
}
