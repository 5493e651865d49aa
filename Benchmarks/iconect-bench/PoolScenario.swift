import Foundation
import Iconect

/// The URLSession pool measured: the SDK on 1, 2 and 4 `URLSession`s used round-robin, for small GETs at `concurrency`
/// tasks and for one chunked upload, each size beside one session (medians of three interleaved rounds).
struct PoolScenario {
    let environment: BenchEnvironment
    let concurrency: Int
    let seconds: Double
    let uploadMegabytes: Int
    let sizes = [1, 2, 4]

    func run(_ report: Report) async throws {
        report.note("URLSessionTransport.defaultPoolSize is \(URLSessionTransport.defaultPoolSize)")
        // Sizes interleaved over three rounds, the median of each kept, so that drift on the machine affects all alike.
        var getSamples: [Int: [Double]] = [:]
        for _ in 0..<3 {
            for size in sizes {
                let client = try environment.makeClient(connections: concurrency, poolSize: size)
                let projectId = environment.projectId
                _ = try await client.projects.get(id: projectId)
                getSamples[size, default: []].append(try await ThroughputScenario.rate(concurrency: concurrency, seconds: seconds) {
                    _ = try await client.projects.get(id: projectId)
                })
                await client.shutdown()
            }
        }
        let getRates = getSamples.mapValues(ThroughputScenario.median)
        for size in sizes {
            report.figure("pool of \(size): \(concurrency)-task GETs (vs pool of 1)", getRates[size] ?? 0, "req/s", reference: getRates[1])
        }

        let source = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-pool-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: source) }
        try BenchData.writeNoise(to: source, bytes: uploadMegabytes << 20)
        var uploadSamples: [Int: [Double]] = [:]
        for _ in 0..<3 {
            for size in sizes {
                let client = try environment.makeClient(poolSize: size)
                let stores = try await client.fileStores.list()
                guard let store = stores.data.first else { throw BenchError("the server has no file store") }
                let options = FileUploadOptions(fileName: "bench-pool.bin", projectId: environment.projectId, fileStoreId: store.id)
                let start = ContinuousClock.now
                let file = try await client.files.upload(fileAt: source, options: options, transfer: TransferOptions(compression: .never))
                uploadSamples[size, default: []].append(Double(uploadMegabytes << 20) / 1e6 / (ContinuousClock.now - start).seconds)
                try await client.files.delete(id: file.id)
                await client.shutdown()
            }
        }
        let uploadRates = uploadSamples.mapValues(ThroughputScenario.median)
        for size in sizes {
            report.figure("pool of \(size): \(uploadMegabytes) MiB chunked upload (vs pool of 1)", uploadRates[size] ?? 0, "MB/s",
                          reference: uploadRates[1])
        }
    }
}
