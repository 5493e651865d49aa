import Foundation

/// The median CPU seconds per GiB one side of an upload took (the uploading process) and the emulator serving it.
struct CPUCost {
    private var clientSamples: [Double] = []
    private var serverSamples: [Double] = []
    var client: Double { PeerScenario.median(clientSamples) }
    var server: Double { PeerScenario.median(serverSamples) }

    /// Runs `body`, which returns its result and the CPU seconds its uploader spent; records those and the seconds the
    /// environment's emulator counted meanwhile, per `gibibytes`.
    mutating func measure<T>(server: BenchEnvironment, per gibibytes: Double,
                             _ body: () async throws -> (T, clientCPU: Double)) async rethrows -> T {
        let serverBefore = server.serverCPUSeconds
        let (result, clientCPU) = try await body()
        clientSamples.append(clientCPU / gibibytes)
        if let serverBefore, let serverAfter = server.serverCPUSeconds { serverSamples.append((serverAfter - serverBefore) / gibibytes) }
        return result
    }
}
