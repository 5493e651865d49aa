import Foundation

/// Downloads a file into a partial file in `Range` segments, resumes from whatever the partial file already holds, checks
/// the stored bytes' SHA-256, and restores a compressed upload's original bytes.
struct ResumableDownload: Sendable {
    let files: FilesResource
    let id: String
    let destination: URL
    let restoresOriginal: Bool
    let segmentSize: Int
    let progress: AsyncStream<DownloadProgress>.Continuation?

    /// The partial file for one version of the file: a changed file on the server never continues an old partial file.
    static func partialURL(for destination: URL, file: File) -> URL {
        let version = (file.hash.map { String($0.prefix(16)) } ?? String(file.size ?? 0))
        return destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(version).iconect-partial")
    }

    func run() async throws {
        let file = try await files.get(id: id, cache: .reloadIgnoringCache)
        let partial = Self.partialURL(for: destination, file: file)
        let total = file.size
        let writer = try FileWriter(appendingTo: partial)
        defer { writer.close() }
        let meter = ThroughputMeter()
        let resumedAt = writer.written
        if let total, writer.written > total {
            writer.close()
            try? FileManager.default.removeItem(at: partial)
            return try await run()
        }
        report(received: resumedAt, total: total, sentThisRun: 0, meter: meter)
        while total.map({ writer.written < $0 }) ?? true {
            let start = writer.written
            let end = total.map { min($0, start + Int64(segmentSize)) - 1 } ?? (start + Int64(segmentSize) - 1)
            let response = try await files.pipeline.execute(try files.downloadEndpoint(id: id, range: start...end))
            if response.status == 200 {
                // The server ignored Range and sent the whole file: take it as it is.
                writer.close()
                try response.body.write(to: partial, options: .atomic)
                let count = Int64(response.body.count)
                report(received: count, total: total ?? count, sentThisRun: count, meter: meter)
                break
            }
            try writer.write(response.body)
            report(received: writer.written, total: total, sentThisRun: writer.written - resumedAt, meter: meter)
            if response.body.isEmpty || total == nil && response.body.count < segmentSize { break }
        }
        writer.synchronize()
        writer.close()
        try verify(partial, file: file)
        try finish(partial, file: file)
    }

    private func report(received: Int64, total: Int64?, sentThisRun: Int64, meter: ThroughputMeter) {
        guard let progress else { return }
        let rate = meter.rate(done: Double(sentThisRun))
        progress.yield(DownloadProgress(
            bytesReceived: received, totalBytes: total, bytesPerSecond: rate,
            estimatedTimeRemaining: total.flatMap { ThroughputMeter.eta(remaining: Double($0 - received), rate: rate) },
            elapsed: meter.elapsed()))
    }

    private func verify(_ partial: URL, file: File) throws {
        guard let expected = file.hash?.lowercased(), expected.count == 64 else { return }
        let reader = try FileReader(url: partial)
        defer { reader.close() }
        let actual = try reader.sha256()
        guard actual == expected else {
            try? FileManager.default.removeItem(at: partial)
            throw IconectError(.checksumMismatch, "downloaded \(file.name) has SHA-256 \(actual), but the server's is \(expected)",
                               operation: Route.downloadFile.operation)
        }
    }

    private func finish(_ partial: URL, file: File) throws {
        let manager = FileManager.default
        guard restoresOriginal, CompressionMetadata.isCompressed(file) else {
            _ = try? manager.removeItem(at: destination)
            try manager.moveItem(at: partial, to: destination)
            return
        }
        let restored = try GzipStream.decompressFile(partial, to: destination)
        try? manager.removeItem(at: partial)
        let metadata = file.metadata ?? [:]
        if let size = metadata[CompressionMetadata.originalSize]?.doubleValue, Int64(size) != restored.size {
            try? manager.removeItem(at: destination)
            throw IconectError(.checksumMismatch, "restored \(file.name) has \(restored.size) bytes, but the original had \(Int64(size))",
                               operation: Route.downloadFile.operation)
        }
        if let digest = metadata[CompressionMetadata.originalSHA256]?.stringValue, digest.lowercased() != restored.sha256 {
            try? manager.removeItem(at: destination)
            throw IconectError(.checksumMismatch, "restored \(file.name) has SHA-256 \(restored.sha256), but the original's is \(digest)",
                               operation: Route.downloadFile.operation)
        }
    }
}
