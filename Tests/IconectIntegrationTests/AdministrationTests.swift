import Foundation
import Iconect
import IconectEmulator
import Testing

/// Data servers, clients, file stores and the file listing: the administration areas, end to end, checked against what
/// the emulator stored.
@Suite("Data servers, clients, file stores and file listings against the emulator", .timeLimit(.minutes(5)))
struct AdministrationTests {
    static func stored(_ emulator: EmulatorServer, _ collection: String, _ id: String) -> [String: JSON]? {
        emulator.objects(in: collection).first { $0["id"]?.stringValue == id }
    }

    @Test("data servers: create, get, list, update, delete", arguments: TransportKind.allCases)
    func dataServers(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let created = try await client.dataServers.create(
                NewDataServer(name: "DS East", url: "https://ds-east.example.com", description: "east", version: "11.2", status: .maintenance))
            #expect(Self.stored(emulator, "dataservers", created.id)?["url"]?.stringValue == "https://ds-east.example.com")
            #expect(try await client.dataServers.get(id: created.id).status == .maintenance)
            let page = try await client.dataServers.list(ListOptions(pageSize: 100))
            #expect(page.data.map(\.id).contains(created.id))
            #expect(page.data.map(\.id).contains(emulator.seed.dataServerId))
            let updated = try await client.dataServers.update(id: created.id, DataServerChanges(version: "11.3", status: .active))
            #expect(updated.version == "11.3")
            #expect(Self.stored(emulator, "dataservers", created.id)?["status"]?.stringValue == "active")
            #expect(Self.stored(emulator, "dataservers", created.id)?["name"]?.stringValue == "DS East", "an update keeps what it omits")
            try await client.dataServers.delete(id: created.id)
            #expect(Self.stored(emulator, "dataservers", created.id) == nil)
            #expect(try await expectIconectError { try await client.dataServers.get(id: created.id) }.code == .notFound)
        }
    }

    @Test("clients: create, get, list, update, delete", arguments: TransportKind.allCases)
    func clients(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let created = try await client.clients.create(NewClient(name: "Acme LLP", status: .active, settings: ["region": "eu"]))
            #expect(Self.stored(emulator, "clients", created.id)?["settings"]?["region"]?.stringValue == "eu")
            #expect(try await client.clients.get(id: created.id).name == "Acme LLP")
            #expect(try await client.clients.list(ListOptions(pageSize: 100)).data.map(\.id).contains(created.id))
            _ = try await client.clients.update(id: created.id, ClientChanges(description: "litigation", status: .inactive))
            let stored = Self.stored(emulator, "clients", created.id)
            #expect(stored?["status"]?.stringValue == "inactive")
            #expect(stored?["description"]?.stringValue == "litigation")
            try await client.clients.delete(id: created.id)
            #expect(Self.stored(emulator, "clients", created.id) == nil)
        }
    }

    @Test("file stores: create, get, list, update, statistics, delete", arguments: TransportKind.allCases)
    func fileStores(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let created = try await client.fileStores.create(
                NewFileStore(name: "Bucket", path: "s3://bucket/productions", type: .s3, capacity: 1 << 30))
            let stored = Self.stored(emulator, "filestores", created.id)
            #expect(stored?["type"]?.stringValue == "s3")
            #expect(stored?["path"]?.stringValue == "s3://bucket/productions")
            #expect(try await client.fileStores.get(id: created.id).capacity == 1 << 30)
            #expect(try await client.fileStores.list(ListOptions(pageSize: 100)).data.map(\.id).contains(created.id))
            let updated = try await client.fileStores.update(id: created.id, FileStoreChanges(status: .maintenance, capacity: 2 << 30))
            #expect(updated.capacity == 2 << 30)
            #expect(Self.stored(emulator, "filestores", created.id)?["status"]?.stringValue == "maintenance")

            // The seeded store holds what is uploaded to it.
            _ = try await client.files.upload(Data(count: 1234), options: FileTransferTests.options(emulator, "stats.bin"))
            let statistics = try await client.fileStores.statistics(id: emulator.seed.fileStoreId)
            guard case .object(let fields) = statistics else {
                Issue.record("statistics are not an object: \(statistics)")
                return
            }
            #expect(!fields.isEmpty)
            #expect(emulator.stats().count("GET", "/v1/filestores/{id}/stats", status: 200) == 1)

            try await client.fileStores.delete(id: created.id)
            #expect(Self.stored(emulator, "filestores", created.id) == nil)
        }
    }

    @Test("files are listed by project, and only the project's", arguments: TransportKind.allCases)
    func fileListing(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let first = try await client.files.upload(Data("one".utf8), options: FileTransferTests.options(emulator, "one.txt"))
            let second = try await client.files.upload(Data("two".utf8), options: FileTransferTests.options(emulator, "two.txt"))
            let page = try await client.files.list(projectId: emulator.seed.projectId, ListOptions(pageSize: 100))
            #expect(Set(page.data.map(\.id)).isSuperset(of: [first.id, second.id]))
            #expect(page.data.allSatisfy { $0.projectId == emulator.seed.projectId })
            #expect(try await client.files.list(projectId: "prj-none").data.isEmpty)
            let query = emulator.stats().recentRequests.last { $0.method == "GET" && $0.rawPath == "/v1/files" }?.query ?? ""
            #expect(query.contains("projectId=prj-none"))
        }
    }

    @Test("deactivating a project stores status inactive", arguments: TransportKind.allCases)
    func deactivateProject(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let project = try await client.projects.deactivate(id: emulator.seed.projectId)
            #expect(project.status == .inactive)
            #expect(Self.stored(emulator, "projects", emulator.seed.projectId)?["status"]?.stringValue == "inactive")
        }
    }
}
