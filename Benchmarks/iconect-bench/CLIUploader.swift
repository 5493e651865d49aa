import Foundation

/// `iconect upload` of one file as a user runs it: the built binary next to this one, in a child process, timed whole
/// (start-up, sign-in, initiate and complete included), on the HTTP stack `--transport` names.
struct CLIUploader {
    let binary: URL
    /// The `ICONECT_*` variables pointing it at the run's server (``BenchEnvironment/toolVariables``).
    let variables: [String: String]
    let projectId: String
    let storeId: String

    /// Uploads `source` uncompressed with a fresh resume folder; the wall-clock seconds and the stored file's id.
    func upload(_ source: URL, transport: BenchTransport) throws -> (seconds: Double, fileId: String) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["upload", source.path, "--project", projectId, "--store", storeId, "--transport", transport.rawValue,
                             "--compress", "never", "--resume-dir", home.path, "--json"]
        process.environment = variables.merging(["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = (ContinuousClock.now - start).seconds
        guard process.terminationStatus == 0,
              let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = report["files"] as? [[String: Any]], let fileId = files.first?["id"] as? String
        else { throw BenchError("iconect upload failed (status \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))") }
        return (seconds, fileId)
    }
}
