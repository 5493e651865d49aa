import Foundation
import Logging

/// How an ``EmulatorServer`` runs: address, identity provider, seed data and faults.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from ``EmulatorServer/port``).
    public var port: Int
    /// Access-token lifetime in seconds (`expires_in`).
    public var tokenLifetime: Int
    /// How many records to seed into the seeded project (at start and on reset).
    public var seedRecords: Int
    /// The OAuth clients the token endpoint accepts.
    public var oauthClients: [EmulatorOAuthClient]
    /// The users the password grant accepts.
    public var users: [EmulatorUser]
    /// Fault rules active from the start.
    public var faults: [FaultRule]
    /// Seeds fault probabilities and seed data, so runs are deterministic.
    public var randomSeed: UInt64
    /// Where uploaded file bytes live; nil uses a temporary directory removed on stop.
    public var dataDirectory: URL?
    /// The server's log level.
    public var logLevel: Logger.Level
    /// The chance (0...1) that a record in a bulk operation is reported as transiently locked (`RECORD_LOCKED`, left
    /// unchanged) instead of processed: the per-record failure a client should retry. Decided per record and operation
    /// from ``randomSeed``.
    public var bulkLockRate: Double
    /// The token `/_emulator/*` control routes require (`Authorization: Bearer <token>`); nil generates a random one,
    /// readable as ``EmulatorServer/adminToken``.
    public var adminToken: String?
    /// Host names (without port) accepted in the `Host` header besides the loopback names (`localhost`, `127.0.0.0/8`,
    /// `::1`) and the bound address; any other `Host` is refused with 403, so a web page cannot reach the emulator by
    /// DNS rebinding.
    public var allowedHosts: [String]
    /// How long a POST's answer is kept for replay under its `Idempotency-Key`, in seconds (default 24 hours).
    public var idempotencyLifetime: Double
    /// The most idempotency keys kept at once (default 10,000); past it, expired entries go first, then the oldest.
    public var idempotencyCapacity: Int
    /// How long a chunked upload session stays open, in seconds (default 24 hours); an expired session refuses chunks
    /// and completion, and its stored chunks are removed.
    public var uploadSessionLifetime: Int
    /// How often the job clock steps while jobs are active (`.zero`: as fast as it can); `nil` stops the clock, so jobs
    /// advance only through ``EmulatorServer/advanceJobs(steps:)``, which tests use to step them deterministically.
    public var jobStepInterval: Duration?
    /// How many items (import lines, records to delete) a running job processes per step of the job clock.
    public var jobBatchSize: Int

    /// Creates a configuration; every parameter has a default suitable for tests.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        tokenLifetime: Int = 3600,
        seedRecords: Int = 0,
        oauthClients: [EmulatorOAuthClient] = [.init(id: "emulator-client", secret: "emulator-secret")],
        users: [EmulatorUser] = [.init(username: "demo", password: "demo-password")],
        faults: [FaultRule] = [],
        randomSeed: UInt64 = 42,
        dataDirectory: URL? = nil,
        logLevel: Logger.Level = .warning,
        bulkLockRate: Double = 0,
        adminToken: String? = nil,
        allowedHosts: [String] = [],
        idempotencyLifetime: Double = 24 * 3600,
        idempotencyCapacity: Int = 10_000,
        uploadSessionLifetime: Int = 86_400,
        jobStepInterval: Duration? = .milliseconds(20),
        jobBatchSize: Int = 1_000
    ) {
        self.host = host
        self.port = port
        self.tokenLifetime = tokenLifetime
        self.seedRecords = seedRecords
        self.oauthClients = oauthClients
        self.users = users
        self.faults = faults
        self.randomSeed = randomSeed
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
        self.bulkLockRate = bulkLockRate
        self.adminToken = adminToken
        self.allowedHosts = allowedHosts
        self.idempotencyLifetime = idempotencyLifetime
        self.idempotencyCapacity = idempotencyCapacity
        self.uploadSessionLifetime = uploadSessionLifetime
        self.jobStepInterval = jobStepInterval
        self.jobBatchSize = jobBatchSize
    }
}
