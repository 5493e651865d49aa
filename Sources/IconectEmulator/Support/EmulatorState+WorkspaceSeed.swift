/// The review workspace seeded beside the records (`--seed-records` above 0): coding fields matching the records' fields,
/// a folder tree with every record filed by custodian, views, panels, a dashboard with widgets, and reviewers with roles.
extension EmulatorState {
    /// Seeds the workspace of `projectId` and answers the records filed into their custodian's folder.
    func seedReviewWorkspace(projectId: String, stamp: JSON, records rows: [RecordRow]) -> [RecordRow] {
        let project = JSON.string(projectId)
        func put(_ collection: String, _ object: [String: JSON]) -> String {
            guard let store = store(collection) else { return "" }
            var complete = store.spec.defaults
            for (key, value) in object { complete[key] = value }
            let id = ids.next(store.spec.idPrefix)
            complete["id"] = .string(id)
            complete["createdDate"] = stamp
            complete["modifiedDate"] = stamp
            store.put(complete)
            return id
        }
        func field(_ name: String, _ display: String, _ type: String, _ data: String, _ extra: [String: JSON] = [:]) {
            var object: [String: JSON] = ["name": .string(name), "displayName": .string(display), "fieldType": .string(type),
                                          "dataType": .string(data), "projectId": project]
            object.merge(extra) { _, new in new }
            _ = put("fields", object)
        }
        field("documentId", "Document ID", "text", "string", ["isSystemField": true, "isRequired": true])
        field("title", "Title", "text", "string", ["isRequired": true, "maxLength": 500])
        field("custodian", "Custodian", "text", "string")
        field("docType", "Document type", "choice", "string",
              ["choices": .array(RecordSeeder.docTypes.map { ["value": .string($0), "label": .string($0.prefix(1).uppercased() + $0.dropFirst())] })])
        field("docDate", "Document date", "date", "datetime")
        field("pageCount", "Pages", "number", "integer", ["validationRules": ["min": 1, "max": 10_000]])
        field("responsive", "Responsive", "boolean", "boolean")
        field("subject", "Subject", "text", "string", ["maxLength": 1000])
        field("privilege", "Privilege", "choice", "string", ["choices": [
            ["value": "attorney-client", "label": "Attorney-client"], ["value": "work-product", "label": "Work product"],
            ["value": "none", "label": "Not privileged", "isDefault": true],
        ]])

        func folder(_ name: String, parent: (id: String, path: String)?) -> (id: String, path: String) {
            let path = (parent?.path ?? "") + "/" + name
            var object: [String: JSON] = ["name": .string(name), "projectId": project, "path": .string(path),
                                          "level": .number(parent == nil ? 0 : 1)]
            if let parent { object["parentId"] = .string(parent.id) }
            return (put("folders", object), path)
        }
        let custodians = folder("Custodians", parent: nil)
        var byCustodian: [String: String] = [:]
        for name in RecordSeeder.custodians { byCustodian[name] = folder(name, parent: custodians).id }
        let productions = folder("Productions", parent: nil)
        _ = folder("Volume 001", parent: productions)
        _ = folder("Volume 002", parent: productions)
        _ = folder("Privilege Review", parent: nil)

        let byCustodianView = put("views", [
            "name": "documents-by-custodian", "displayName": "Documents by custodian", "type": "grid", "projectId": project,
            "baseQuery": ["grouping": ["custodian"], "aggregations": [
                ["function": "count", "alias": "documents"], ["field": "pageCount", "function": "sum", "alias": "pages"],
            ]],
            "displayOptions": [:],
        ])
        _ = put("views", [
            "name": "hot-documents", "displayName": "Hot documents", "type": "list", "projectId": project,
            "baseQuery": ["filters": ["tags": ["$in": ["hot"]]], "sorting": [["field": "docDate", "order": "desc"]]],
            "displayOptions": ["columns": ["title", "custodian", "docDate", "reviewStatus"]],
        ])
        _ = put("views", [
            "name": "monthly-volume", "displayName": "Documents per month", "type": "chart", "projectId": project,
            "baseQuery": ["grouping": [["field": "docDate", "interval": "month"]], "aggregations": [["function": "count", "alias": "documents"]]],
            "displayOptions": ["chart": "line"],
        ])
        let statusQuery: JSON = ["grouping": ["reviewStatus"], "aggregations": [["function": "count", "alias": "documents"]]]
        _ = put("panels", [
            "name": "review-progress", "displayName": "Review progress", "type": "chart", "projectId": project,
            "layout": ["width": 6, "height": 4], "configuration": statusQuery,
        ])
        _ = put("panels", [
            "name": "custodian-grid", "displayName": "Custodian grid", "type": "grid", "projectId": project,
            "layout": ["width": 12, "height": 6], "configuration": ["viewId": .string(byCustodianView)],
        ])
        func widget(_ type: String, _ title: String, _ configuration: JSON, x: Int) -> JSON {
            ["id": .string(ids.next("wdg")), "type": .string(type), "title": .string(title), "configuration": configuration,
             "position": ["x": .number(Double(x)), "y": 0, "width": 3, "height": 3], "refreshInterval": 300,
             "createdDate": stamp, "modifiedDate": stamp]
        }
        _ = put("dashboards", [
            "name": "Review overview", "description": "Seeded by the emulator", "projectId": project, "isDefault": true,
            "layout": ["columns": 12], "widgets": [
                widget("metric", "Documents", ["aggregations": [["function": "count", "alias": "documents"]]], x: 0),
                widget("chart", "Documents by review status", statusQuery, x: 3),
                widget("chart", "Pages by document type",
                       ["grouping": ["docType"], "aggregations": [["field": "pageCount", "function": "sum", "alias": "pages"]]], x: 6),
                widget("chart", "Documents per month", ["viewId": .string(byCustodianView), "grouping": [["field": "docDate", "interval": "month"]],
                                                        "aggregations": [["function": "count", "alias": "documents"]]], x: 9),
            ],
        ])

        for (name, role) in RecordSeeder.reviewers.map({ ($0, "reviewer") }) + [("manager1", "manager")] where user(named: name) == nil {
            _ = put("users", [
                "username": .string(name), "displayName": .string(name), "email": .string("\(name)@example.com"),
                "status": "active", "department": "Review Team", "roles": [.string(role)], "permissions": [],
            ])
        }
        return rows.map { row in
            var filed = row
            filed.folderId = row.field("custodian")?.stringValue.flatMap { byCustodian[$0] }
            return filed
        }
    }
}
