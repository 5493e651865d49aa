/// The collection table: one row per CRUD area of the catalogue (scripts/catalogue.md).
extension CollectionSpec {
    static let activeStates = ["active", "inactive", "maintenance"]
    static let priorities = ["low", "normal", "high", "critical"]

    static let dataServers = CollectionSpec(
        name: "dataservers", path: "/dataservers", kind: "DataServer", idPrefix: "dsv",
        required: ["name", "url"],
        types: ["name": .string, "description": .string, "url": .string, "version": .string, "status": .string],
        enums: ["status": activeStates],
        defaults: ["status": "active"],
        filterKeys: ["status": "status", "name": "name"]
    )

    static let clients = CollectionSpec(
        name: "clients", path: "/clients", kind: "Client", idPrefix: "cli",
        required: ["name"],
        types: ["name": .string, "description": .string, "status": .string, "settings": .object],
        enums: ["status": ["active", "inactive"]],
        defaults: ["status": "active"],
        filterKeys: ["status": "status", "name": "name"]
    )

    static let projects = CollectionSpec(
        name: "projects", path: "/projects", kind: "Project", idPrefix: "prj",
        required: ["name", "clientId", "dataServerId"],
        types: ["name": .string, "description": .string, "clientId": .string, "dataServerId": .string, "status": .string, "settings": .object],
        enums: ["status": ["active", "inactive", "archived"]],
        defaults: ["status": "active"],
        filterKeys: ["status": "status", "clientId": "clientId", "dataServerId": "dataServerId", "name": "name"],
        references: ["clientId": "clients", "dataServerId": "dataservers"]
    )

    static let fileStores = CollectionSpec(
        name: "filestores", path: "/filestores", kind: "FileStore", idPrefix: "fst",
        required: ["name", "path", "type"],
        types: ["name": .string, "description": .string, "path": .string, "type": .string, "status": .string,
                "capacity": .number, "settings": .object],
        enums: ["type": ["local", "s3", "azure", "gcp"], "status": activeStates],
        defaults: ["status": "active", "usedSpace": 0],
        minimums: ["capacity": 1],
        filterKeys: ["status": "status", "type": "type", "name": "name"]
    )

    static let files = CollectionSpec(
        name: "files", path: "/files", kind: "File", idPrefix: "fil",
        filterKeys: ["projectId": "projectId", "folderId": "folderId", "fileStoreId": "fileStoreId", "status": "status", "mimeType": "mimeType"],
        operations: [.list, .get]
    )

    static let relationships = CollectionSpec(
        name: "relationships", path: "/records/relationships", kind: "Relationship", idPrefix: "rel",
        required: ["sourceRecordId", "targetRecordId", "relationshipType"],
        types: ["sourceRecordId": .string, "targetRecordId": .string, "relationshipType": .string, "description": .string],
        enums: ["relationshipType": ["parent", "child", "related", "duplicate", "reference"]],
        references: ["sourceRecordId": "records", "targetRecordId": "records"],
        operations: []
    )

    /// Every row; the engine routes each one's operations.
    static let catalogue: [CollectionSpec] = [dataServers, clients, projects, fileStores, files, relationships] + extendedAreas
}
