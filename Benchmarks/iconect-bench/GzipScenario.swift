import Foundation
import Iconect

/// Compressing text through the SDK's streaming zlib: MB/s and ratio, beside the system's `gzip -6` on the same file.
struct GzipScenario {
    let megabytes: Int

    func run(_ report: Report) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("load.csv")
        try BenchData.text(bytes: megabytes * 1_000_000).write(to: source)
        let size = Double((try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? NSNumber)?.intValue ?? 0)

        let start = ContinuousClock.now
        let result = try Gzip.compressFile(at: source, to: directory.appendingPathComponent("sdk.gz"))
        let sdk = size / 1e6 / (ContinuousClock.now - start).seconds

        let floor = systemGzip(source, to: directory.appendingPathComponent("system.gz"), size: size)
        report.figure("gzip \(megabytes) MB of text (SDK vs system gzip -6)", sdk, "MB/s", reference: floor)
        report.figure("gzip ratio (original / compressed)", Double(result.originalSize) / Double(result.compressedSize), "x")

        let restoreStart = ContinuousClock.now
        let restored = try Gzip.decompressFile(at: directory.appendingPathComponent("sdk.gz"), to: directory.appendingPathComponent("back.csv"))
        report.figure("gunzip", size / 1e6 / (ContinuousClock.now - restoreStart).seconds, "MB/s")
        guard restored == result.originalSize else { throw BenchError("gunzip gave \(restored) bytes, expected \(result.originalSize)") }
    }

    /// `gzip -6 -c` of the file, MB/s; nil when there is no gzip.
    private func systemGzip(_ source: URL, to destination: URL, size: Double) -> Double? {
        let gzip = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let gzip else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = ["-6", "-c", source.path]
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let output = try? FileHandle(forWritingTo: destination) else { return nil }
        defer { try? output.close() }
        process.standardOutput = output
        let start = ContinuousClock.now
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? size / 1e6 / (ContinuousClock.now - start).seconds : nil
    }
}
