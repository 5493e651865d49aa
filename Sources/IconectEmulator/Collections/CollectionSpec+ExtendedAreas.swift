/// The later CATALOGUE areas, added as rows of the same table (their special actions live in their handler files).
extension CollectionSpec {
    static let fields = CollectionSpec(
        name: "fields", path: "/fields", kind: "Field", idPrefix: "fld",
        required: ["name", "displayName", "fieldType", "dataType", "projectId"],
        types: ["name": .string, "displayName": .string, "description": .string, "fieldType": .string, "dataType": .string,
                "projectId": .string, "isRequired": .bool, "isSearchable": .bool, "maxLength": .number,
                "choices": .array, "validationRules": .object],
        enums: ["fieldType": ["text", "number", "date", "boolean", "choice", "multiChoice", "file", "user", "lookup"],
                "dataType": ["string", "integer", "decimal", "datetime", "boolean"]],
        defaults: ["isRequired": false, "isSearchable": true, "isSystemField": false, "choices": [], "validationRules": .object([:])],
        minimums: ["maxLength": 1],
        filterKeys: ["projectId": "projectId", "fieldType": "fieldType", "isRequired": "isRequired",
                     "isSystemField": "isSystemField", "isSearchable": "isSearchable"],
        references: ["projectId": "projects"],
        createOnly: ["name", "fieldType", "dataType", "projectId", "isSystemField"],
        operations: [.get]
    )

    static let folders = CollectionSpec(
        name: "folders", path: "/folders", kind: "Folder", idPrefix: "fdr",
        required: ["name", "projectId"],
        types: ["name": .string, "description": .string, "parentId": .string, "projectId": .string,
                "permissions": .object, "metadata": .object],
        defaults: ["isSystem": false, "level": 0,
                   "permissions": ["canRead": true, "canWrite": true, "canDelete": true, "canCreateSubfolders": true]],
        filterKeys: ["projectId": "projectId", "isSystem": "isSystem"],
        references: ["projectId": "projects", "parentId": "folders"],
        createOnly: ["projectId", "isSystem"],
        operations: []
    )

    static let jobs = CollectionSpec(
        name: "jobs", path: "/jobs", kind: "Job", idPrefix: "job",
        required: ["name", "projectId", "configuration"],
        types: ["name": .string, "description": .string, "projectId": .string, "priority": .string, "scheduledStart": .string,
                "assignedTo": .string, "configuration": .object, "metadata": .object],
        enums: ["priority": priorities],
        filterKeys: ["projectId": "projectId", "type": "type", "status": "status", "priority": "priority",
                     "assignedTo": "assignedTo", "createdBy": "createdBy"],
        references: ["projectId": "projects"],
        createOnly: ["projectId", "type", "status", "progress", "createdBy", "templateId", "startedDate", "completedDate", "error"],
        operations: [.update]  // list, get and delete are in the job handlers
    )

    static let jobQueues = CollectionSpec(
        name: "jobqueues", path: "/jobs/queues", kind: "JobQueue", idPrefix: "jqu",
        required: ["name", "projectId"],
        types: ["name": .string, "description": .string, "projectId": .string, "maxConcurrentJobs": .number,
                "priority": .string, "isActive": .bool, "processingOrder": .string, "retryPolicy": .object],
        enums: ["priority": ["low", "normal", "high"], "processingOrder": ["fifo", "lifo", "priority", "scheduled"]],
        defaults: ["isActive": true, "maxConcurrentJobs": 1, "priority": "normal", "processingOrder": "fifo"],
        minimums: ["maxConcurrentJobs": 1],
        filterKeys: ["projectId": "projectId", "isActive": "isActive"],
        references: ["projectId": "projects"],
        createOnly: ["projectId"]
    )

    static let jobTemplates = CollectionSpec(
        name: "jobtemplates", path: "/jobs/templates", kind: "JobTemplate", idPrefix: "jtp",
        filterKeys: ["projectId": "projectId", "type": "type", "isSystem": "isSystem"],
        operations: [.list, .get]
    )

    static let jobSchedules = CollectionSpec(
        name: "jobschedules", path: "/jobs/schedules", kind: "JobSchedule", idPrefix: "jsc",
        required: ["name", "cronExpression", "configuration"],
        types: ["name": .string, "description": .string, "jobTemplateId": .string, "cronExpression": .string,
                "timezone": .string, "configuration": .object, "isActive": .bool],
        defaults: ["isActive": true, "timezone": "UTC"],
        filterKeys: ["projectId": "projectId", "isActive": "isActive"],
        references: ["jobTemplateId": "jobtemplates"],
        operations: [.list, .get, .delete]  // create and update check the cron expression (job handlers)
    )

    static let panels = CollectionSpec(
        name: "panels", path: "/panels", kind: "Panel", idPrefix: "pnl",
        required: ["name", "displayName", "type", "projectId", "layout"],
        types: ["name": .string, "displayName": .string, "description": .string, "type": .string, "projectId": .string,
                "folderId": .string, "layout": .object, "configuration": .object, "permissions": .object,
                "metadata": .object, "isActive": .bool],
        enums: ["type": ["grid", "form", "chart", "report", "dashboard", "custom"]],
        defaults: ["isActive": true, "isSystem": false],
        filterKeys: ["projectId": "projectId", "type": "type", "folderId": "folderId", "isSystem": "isSystem", "isActive": "isActive"],
        references: ["projectId": "projects"],
        createOnly: ["type", "projectId", "isSystem"],
        operations: [.list, .delete]
    )

    static let templates = CollectionSpec(
        name: "templates", path: "/templates", kind: "Template", idPrefix: "tpl",
        required: ["name", "displayName", "type", "content"],
        types: ["name": .string, "displayName": .string, "description": .string, "type": .string, "category": .string,
                "projectId": .string, "content": .object, "settings": .object, "validation": .object, "isActive": .bool],
        enums: ["type": ["document", "email", "report", "form", "workflow", "notification"]],
        defaults: ["isActive": true, "isSystem": false],
        filterKeys: ["type": "type", "category": "category", "projectId": "projectId", "isSystem": "isSystem", "isActive": "isActive"],
        references: ["projectId": "projects"],
        createOnly: ["type", "projectId"],
        operations: [.list, .create, .update, .delete]  // get takes includeContent (template handlers)
    )

    static let views = CollectionSpec(
        name: "views", path: "/views", kind: "View", idPrefix: "vw",
        required: ["name", "displayName", "type", "projectId", "baseQuery", "displayOptions"],
        types: ["name": .string, "displayName": .string, "description": .string, "type": .string, "projectId": .string,
                "baseQuery": .object, "displayOptions": .object, "permissions": .object, "sharing": .object, "isActive": .bool],
        enums: ["type": ["list", "grid", "card", "timeline", "calendar", "chart", "map", "custom"]],
        defaults: ["isActive": true, "isSystem": false],
        filterKeys: ["projectId": "projectId", "type": "type", "isSystem": "isSystem", "isActive": "isActive"],
        references: ["projectId": "projects"],
        createOnly: ["type", "projectId", "isSystem"],
        operations: [.list, .delete]
    )

    static let users = CollectionSpec(
        name: "users", path: "/users", kind: "User", idPrefix: "usr",
        types: ["firstName": .string, "lastName": .string, "displayName": .string, "email": .string, "title": .string,
                "department": .string, "phone": .string, "timezone": .string, "locale": .string, "avatar": .string,
                "status": .string, "roles": .stringArray, "permissions": .stringArray],
        enums: ["status": ["active", "inactive", "suspended", "pending"]],
        filterKeys: ["status": "status", "role": "roles", "department": "department"],
        createOnly: ["username", "requirePasswordChange", "lastLoginDate"],
        textSearch: ("q", ["username", "displayName", "email", "firstName", "lastName"]),
        operations: [.list]
    )

    static let dashboards = CollectionSpec(
        name: "dashboards", path: "/dashboards", kind: "Dashboard", idPrefix: "dsh",
        required: ["name", "layout"],
        types: ["name": .string, "description": .string, "projectId": .string, "layout": .object,
                "permissions": .object, "isDefault": .bool, "isActive": .bool],
        defaults: ["isDefault": false, "isActive": true, "widgets": []],
        filterKeys: ["projectId": "projectId", "isDefault": "isDefault", "isActive": "isActive"],
        references: ["projectId": "projects"],
        createOnly: ["projectId", "widgets", "sharing"],
        operations: [.list, .delete]
    )

    static let themes = CollectionSpec(
        name: "themes", path: "/themes", kind: "Theme", idPrefix: "thm",
        required: ["name", "type", "colors"],
        types: ["name": .string, "description": .string, "type": .string, "colors": .object, "typography": .object,
                "spacing": .object, "borderRadius": .object, "shadows": .object, "isActive": .bool],
        enums: ["type": ["light", "dark", "custom"]],
        defaults: ["isActive": true, "isSystem": false],
        filterKeys: ["type": "type", "isSystem": "isSystem", "isActive": "isActive"],
        createOnly: ["type"],
        operations: [.list, .get]  // create, update and delete check colours and system themes (theme handlers)
    )

    static let extendedAreas: [CollectionSpec] = [
        fields, folders, jobs, jobQueues, jobTemplates, jobSchedules, panels, templates, views, users, dashboards, themes,
    ]
}
