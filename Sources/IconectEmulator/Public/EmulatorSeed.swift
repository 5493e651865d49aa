/// The ids of the objects the emulator seeds at start and on every reset.
public struct EmulatorSeed: Sendable, Codable, Hashable {
    /// The seeded data server.
    public var dataServerId: String
    /// The seeded client.
    public var clientId: String
    /// The seeded project (it holds the seeded records).
    public var projectId: String
    /// The seeded file store.
    public var fileStoreId: String
    /// How many records were seeded into the project.
    public var recordCount: Int

    /// Creates a seed description.
    public init(dataServerId: String, clientId: String, projectId: String, fileStoreId: String, recordCount: Int) {
        self.dataServerId = dataServerId
        self.clientId = clientId
        self.projectId = projectId
        self.fileStoreId = fileStoreId
        self.recordCount = recordCount
    }
}
