import Foundation
import Logging

/// Downloads a file into a partial file in `Range` segments, resumes from whatever the partial file already holds, checks
/// the stored bytes' SHA-256, restores a compressed upload's original bytes, and only then puts the result in place
/// (see ``DownloadTarget``): the destination is untouched until the download is complete and verified.
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

    private var limits: IconectConfiguration.Limits { files.pipeline.configuration.limits }

    func run() async throws {
        let target = try DownloadTarget(destination)
        guard segmentSize <= limits.maxResponseBytes else {
            throw IconectError.invalidArgument("segmentSize", "must be at most limits.maxResponseBytes (\(limits.maxResponseBytes)), got \(segmentSize)")
        }
        let file = try await files.get(id: id, cache: .reloadIgnoringCache)
        let restores = restoresOriginal && CompressionMetadata.isCompressed(file)
        let (partial, resumable) = try openPartial(target, file: file)
        do {
            try await fetch(into: partial, file: file)
            try partial.synchronize()
            try verify(partial, file: file)
            if restores {
                try restore(partial, file: file, into: target)
                partial.close()
                try? FileManager.default.removeItem(at: partial.url)
            } else {
                try target.commit(partial)
            }
        } catch {
            partial.close()
            // Keep what arrived for a later call only when the failure may pass (the connection, the server, the caller).
            let code = (error as? IconectError)?.code
            let worthKeeping = resumable && ((error as? IconectError).map(RetryPolicy.isRetryable) == true
                || code == .cancelled || code == .shutdown)
            if !worthKeeping { try? FileManager.default.removeItem(at: partial.url) }
            throw error
        }
    }

    /// The partial file to continue, when it can be trusted (a regular file of this user's, with no other name), else a
    /// fresh private file that is not kept for resuming.
    private func openPartial(_ target: DownloadTarget, file: File) throws -> (FileWriter, resumable: Bool) {
        if let partial = try? FileWriter(appendingTo: Self.partialURL(for: destination, file: file)) {
            if partial.isPrivatelyOwned {
                partial.setPermissions(0o600)
                return (partial, true)
            }
            partial.close()
        }
        files.pipeline.configuration.logger.warning("the partial download file cannot be trusted; downloading afresh", metadata: [
            "path": "\(Self.partialURL(for: destination, file: file).path)"])
        return (try target.makeTemporaryFile(), false)
    }

    /// Appends the missing segments to `writer`, reporting progress after each.
    private func fetch(into writer: FileWriter, file: File) async throws {
        let total = file.size
        if let total, writer.written > total { try writer.truncate() }
        let meter = ThroughputMeter()
        let resumedAt = writer.written
        report(received: resumedAt, total: total, sentThisRun: 0, meter: meter)
        while total.map({ writer.written < $0 }) ?? true {
            let start = writer.written
            let end = total.map { min($0, start + Int64(segmentSize)) - 1 } ?? (start + Int64(segmentSize) - 1)
            let answer = try await files.pipeline.execute(try files.downloadEndpoint(id: id, range: start...end))
            if answer.status == 200 {
                // The server ignored Range and sent the whole file: take it as it is.
                try writer.truncate()
                try writer.write(answer.body)
                report(received: writer.written, total: total ?? writer.written, sentThisRun: writer.written, meter: meter)
                return
            }
            guard answer.body.count <= Int(end - start + 1) else {
                throw IconectError(.decoding, "the server sent \(answer.body.count) bytes for a range of \(end - start + 1)",
                                   operation: Route.downloadFile.operation)
            }
            try writer.write(answer.body)
            report(received: writer.written, total: total, sentThisRun: writer.written - resumedAt, meter: meter)
            if answer.body.isEmpty || total == nil && answer.body.count < segmentSize { return }
        }
    }

    private func report(received: Int64, total: Int64?, sentThisRun: Int64, meter: ThroughputMeter) {
        guard let progress else { return }
        let rate = meter.rate(done: Double(sentThisRun))
        progress.yield(DownloadProgress(
            bytesReceived: received, totalBytes: total, bytesPerSecond: rate,
            estimatedTimeRemaining: total.flatMap { ThroughputMeter.eta(remaining: Double($0 - received), rate: rate) },
            elapsed: meter.elapsed()))
    }

    /// Checks the stored bytes against the file's size and SHA-256.
    private func verify(_ partial: FileWriter, file: File) throws {
        if let size = file.size, partial.written != size {
            throw IconectError(.checksumMismatch, "downloaded \(file.name) has \(partial.written) bytes, but the server's has \(size)",
                               operation: Route.downloadFile.operation)
        }
        guard let expected = file.hash?.lowercased(), expected.count == 64 else { return }
        let reader = try FileReader(url: partial.url)
        defer { reader.close() }
        let actual = try reader.sha256()
        guard actual == expected else {
            throw IconectError(.checksumMismatch, "downloaded \(file.name) has SHA-256 \(actual), but the server's is \(expected)",
                               operation: Route.downloadFile.operation)
        }
    }

    /// Restores the original bytes of a compressed upload into a new file beside the destination, checks them against
    /// their size and digest, and puts them in place. Restoring stops once it passes what the metadata declares or
    /// ``IconectConfiguration/Limits/maxCompressionRatio`` allows.
    private func restore(_ partial: FileWriter, file: File, into target: DownloadTarget) throws {
        let metadata = file.metadata ?? [:]
        let limit = try CompressionMetadata.restoreLimit(of: file, storedSize: partial.written, limits: limits, memoryCap: nil)
        let restored = try target.makeTemporaryFile()
        do {
            let result = try GzipStream.decompressFile(partial.url, into: restored, limit: limit.bytes, limitName: limit.name)
            if let size = metadata[CompressionMetadata.originalSize]?.doubleValue, Int64(size) != result.size {
                throw IconectError(.checksumMismatch, "restored \(file.name) has \(result.size) bytes, but the original had \(Int64(size))",
                                   operation: Route.downloadFile.operation)
            }
            if let digest = metadata[CompressionMetadata.originalSHA256]?.stringValue, digest.lowercased() != result.sha256 {
                throw IconectError(.checksumMismatch, "restored \(file.name) has SHA-256 \(result.sha256), but the original's is \(digest)",
                                   operation: Route.downloadFile.operation)
            }
            try restored.synchronize()
            try target.commit(restored)
        } catch {
            restored.close()
            try? FileManager.default.removeItem(at: restored.url)
            throw error
        }
    }
}
