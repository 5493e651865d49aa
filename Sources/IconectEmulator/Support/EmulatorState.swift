import Foundation
import Logging
import Synchronization

/// Everything the emulator knows, shared by all requests. Each area has its own lock; none is held across an await.
final class EmulatorState: Sendable {
    let configuration: EmulatorConfiguration
    let tokens: TokenService
    let stats = StatsRecorder()
    let faults: FaultEngine
    let idempotency: IdempotencyStore
    let collections: [String: DocumentStore]
    let records = RecordStore()
    let bulk = BulkOperationStore()
    let uploads = UploadSessionStore()
    let jobRuns = JobRuntimeStore()
    let jobClock = JobClock()
    let themeAssignments = ThemeAssignments()
    let storage: FileStorage
    let ids = IdGenerator()
    let directory: UserDirectory
    let viewResults = ViewResultCache()
    let logger: Logger
    let router: Router
    /// What `/_emulator/*` requires as `Authorization: Bearer <adminToken>`.
    let adminToken: String
    private let seedBox = Mutex(EmulatorSeed(dataServerId: "", clientId: "", projectId: "", fileStoreId: "", recordCount: 0))
    private let baseURLBox = Mutex("http://127.0.0.1")
    private let requestCounter = Atomic<UInt64>(0)
    private let runTag: String

    init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        tokens = TokenService(lifetime: configuration.tokenLifetime)
        faults = FaultEngine(rules: configuration.faults, seed: configuration.randomSeed)
        idempotency = IdempotencyStore(lifetime: configuration.idempotencyLifetime, capacity: configuration.idempotencyCapacity)
        adminToken = configuration.adminToken ?? TokenService.randomToken(bytes: 24)
        storage = try FileStorage(directory: configuration.dataDirectory)
        directory = UserDirectory(users: configuration.users)
        var stores: [String: DocumentStore] = [:]
        for spec in CollectionSpec.catalogue { stores[spec.name] = DocumentStore(spec: spec) }
        collections = stores
        var logger = Logger(label: "iconect-emulator")
        logger.logLevel = configuration.logLevel
        self.logger = logger
        runTag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        router = Router(routes: Self.routes())
    }

    var seed: EmulatorSeed { seedBox.withLock { $0 } }

    var baseURL: String {
        get { baseURLBox.withLock { $0 } }
        set { baseURLBox.withLock { $0 = newValue } }
    }

    func store(_ name: String) -> DocumentStore? {
        collections[name]
    }

    /// A fresh request id.
    func nextRequestId() -> String {
        let number = requestCounter.add(1, ordering: .relaxed).newValue
        return "req_\(runTag)_\(number)"
    }

    /// Clears every area and seeds again.
    func reset() {
        for store in collections.values { store.removeAll() }
        records.removeAll()
        bulk.removeAll()
        uploads.removeAll()
        jobRuns.removeAll()
        themeAssignments.removeAll()
        storage.clear()
        stats.reset()
        faults.reset()
        idempotency.reset()
        tokens.reset()
        ids.reset()
        directory.reset(users: configuration.users)
        viewResults.removeAll()
        seedData()
    }

    /// Seeds the data server, client, project, file store and the configured number of records.
    func seedData() {
        let now = ISODate.nowSeconds
        let stamp = JSON.string(ISODate.string(now))
        let dataServerId = ids.next("dsv")
        let clientId = ids.next("cli")
        let projectId = ids.next("prj")
        let fileStoreId = ids.next("fst")
        store("dataservers")?.put([
            "id": .string(dataServerId), "name": "Primary data server", "description": "Seeded by the emulator",
            "url": "https://dataserver.example.com", "version": "11.2.5", "status": "active",
            "createdDate": stamp, "modifiedDate": stamp,
        ])
        store("clients")?.put([
            "id": .string(clientId), "name": "Acme Corporation", "description": "Seeded client", "status": "active",
            "settings": .object([:]), "createdDate": stamp, "modifiedDate": stamp,
        ])
        store("projects")?.put([
            "id": .string(projectId), "name": "Acme v. Globex", "description": "Seeded review project",
            "clientId": .string(clientId), "dataServerId": .string(dataServerId), "status": "active",
            "settings": .object([:]), "createdDate": stamp, "modifiedDate": stamp,
        ])
        store("filestores")?.put([
            "id": .string(fileStoreId), "name": "Primary file store", "description": "Seeded file store",
            "path": "/data/filestore", "type": "local", "status": "active", "capacity": .number(1_099_511_627_776),
            "usedSpace": 0, "settings": .object([:]), "createdDate": stamp, "modifiedDate": stamp,
        ])
        seedUsers(stamp: stamp)
        seedJobTemplates(stamp: stamp)
        seedThemes(stamp: stamp)
        let count = max(0, configuration.seedRecords)
        let rows = RecordSeeder.makeRecords(count: count, projectId: projectId, seed: configuration.randomSeed)
        records.replaceAll(with: count > 0 ? seedReviewWorkspace(projectId: projectId, stamp: stamp, records: rows) : rows)
        ids.advance("rec", past: count)
        seedBox.withLock {
            $0 = EmulatorSeed(dataServerId: dataServerId, clientId: clientId, projectId: projectId,
                              fileStoreId: fileStoreId, recordCount: count)
        }
    }
}
