import Iconect
import MCP

/// Records: search with operator filters, CRUD, relationships and server-side bulk operations.
extension ToolTable {
    static let records: [MCPTool] = [
        MCPTool("iconect_search_records") { arguments, context in
            var query = RecordQuery(projectId: try arguments.requiredString("projectId"), text: try arguments.string("query"),
                                    filter: try arguments.filter("filters"))
            query.fields = try arguments.stringArray("fields")
            query.dateRange = try arguments.dateRange("dateRange")
            query.tags = try arguments.stringArray("tags")
            query.statuses = try arguments.stringArray("status")?.map { RecordStatus(rawValue: $0) }
            query.assignedTo = try arguments.stringArray("assignedTo")
            query.folderId = try arguments.string("folderId")
            query.page = try arguments.int("page")
            query.pageSize = try arguments.int("pageSize")
            query.sortBy = try arguments.string("sortBy")
            query.sortOrder = try arguments.value("sortOrder", as: SortOrder.self)
            return try await .encoding(context.client.records.search(query))
        },
        MCPTool("iconect_get_record") { arguments, context in
            try await .encoding(context.client.records.get(
                id: arguments.requiredString("id"), includeFiles: arguments.bool("includeFiles"),
                includeRelationships: arguments.bool("includeRelationships")))
        },
        MCPTool("iconect_create_record") { arguments, context in
            try await .encoding(context.client.records.create(NewRecord(
                documentId: arguments.requiredString("documentId"), projectId: arguments.requiredString("projectId"),
                fields: arguments.requiredObject("fields"), folderId: arguments.string("folderId"),
                fileIds: arguments.stringArray("fileIds"), tags: arguments.stringArray("tags"),
                priority: arguments.value("priority", as: Priority.self), assignedTo: arguments.string("assignedTo"),
                metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_update_record") { arguments, context in
            try await .encoding(context.client.records.update(id: arguments.requiredString("id"), RecordChanges(
                fields: arguments.object("fields"), fileIds: arguments.stringArray("fileIds"), tags: arguments.stringArray("tags"),
                priority: arguments.value("priority", as: Priority.self), assignedTo: arguments.string("assignedTo"),
                folderId: arguments.string("folderId"), reviewStatus: arguments.value("reviewStatus", as: ReviewStatus.self),
                metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_delete_record") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.records.delete(id: id, permanent: arguments.bool("permanent"))
            return .deleted(id)
        },
        // Runs the job to its end through the SDK's bulk engine (batches, polling, transient retries), reporting progress;
        // a cancelled call submits nothing more and answers what was done.
        MCPTool("iconect_bulk_update_records") { arguments, context in
            let (client, projectId) = (try context.client, try arguments.requiredString("projectId"))
            let action = try arguments.requiredValue("action", as: BulkAction.self)
            let (ids, parameters) = (try arguments.requiredStringArray("recordIds"), try arguments.object("parameters"))
            let report = try await context.progress.forwarding(BulkProgress.self, describe: ToolOutput.bulkStep) { reporter in
                try await client.bulk.perform(action, ids, in: projectId, parameters: parameters, progress: reporter)
            }
            if let rejection = ToolOutput.rejection(of: report) { throw rejection }
            return .bulk(report)
        },
        MCPTool("iconect_create_record_relationship") { arguments, context in
            try await .encoding(context.client.records.createRelationship(NewRecordRelationship(
                sourceRecordId: arguments.requiredString("sourceRecordId"), targetRecordId: arguments.requiredString("targetRecordId"),
                relationshipType: arguments.requiredValue("relationshipType", as: RelationshipType.self),
                description: arguments.string("description"))))
        },
        MCPTool("iconect_get_record_relationships") { arguments, context in
            try await .encoding(context.client.records.relationships(
                of: arguments.requiredString("recordId"), type: arguments.value("relationshipType", as: RelationshipType.self)))
        },
        MCPTool("iconect_delete_record_relationship") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.records.deleteRelationship(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_get_bulk_operation_status") { arguments, context in
            try await .encoding(context.client.records.bulkOperation(id: arguments.requiredString("operationId")))
        },
    ]
}
