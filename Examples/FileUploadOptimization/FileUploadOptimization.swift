// The performance guide's chapter "File Upload Optimization", run: one function per section. Every file it uploads is
// deleted at the end.
//
//   swift run file-upload-optimization [--small]
import ExampleSupport
import Foundation
import Iconect
import IconectEmulator

@main
struct FileUploadOptimization {
    static func main() async {
        await Example.run("File Upload Optimization") { context in
            let files = try SampleFiles()
            defer { files.remove() }
            try await chunkedUpload(context, files)
            try await compression(context, files)
        }
    }

    /// Chunked Upload for Large Files: `files.upload(fileAt:)` streams the file from disk in chunks, several in flight, each
    /// with its SHA-256 and sent again when it fails; the guide's uploader (5 MB chunks, 3 at once) is two settings.
    static func chunkedUpload(_ context: ExampleContext, _ files: SampleFiles) async throws {
        context.report.section("Chunked Upload for Large Files")
        let size = context.size(64 << 20, small: 16 << 20)
        let source = try files.random("volume.bin", bytes: size)
        let options = FileUploadOptions(fileName: "volume.bin", projectId: context.projectId, fileStoreId: context.fileStoreId,
                                        mimeType: "application/octet-stream")
        let client = context.client

        let guide = TransferOptions(chunkSize: 5 << 20, concurrency: 3, compression: .never)   // the guide's uploader
        let (guideFile, guideTime) = try await timed { try await client.files.upload(fileAt: source, options: options, transfer: guide) }

        // The SDK's defaults (8 MiB chunks, 4 at once); on the emulator the second chunk fails once and is sent again.
        let chunkRoute = "/v1/files/upload/chunked/{id}/chunks/{n}"
        let putsBefore = context.emulator?.stats().count("PUT", chunkRoute) ?? 0
        context.emulator?.setFaults([FaultRule(method: "PUT", path: "/v1/files/upload/chunked/*/chunks/*", status: 500, times: 1, skip: 1)])
        let sampler = ResourceSampler(every: .milliseconds(10))
        let before = ProcessResources.current().residentBytes
        let (file, time) = try await timed {
            try await client.files.upload(fileAt: source, options: options, transfer: TransferOptions(compression: .never))
        }
        let streamedMemory = await sampler.stop().peakResidentBytes - before
        context.emulator?.setFaults([])
        let puts = (context.emulator?.stats().count("PUT", chunkRoute) ?? 0) - putsBefore
        let chunks = (size + (8 << 20) - 1) / (8 << 20)

        // The naive way: the whole file in memory, in one request.
        let naiveSampler = ResourceSampler(every: .milliseconds(10))
        let naiveBefore = ProcessResources.current().residentBytes
        let (naiveFile, naiveTime) = try await timed { try await client.files.upload(try Data(contentsOf: source), options: options) }
        let naiveMemory = await naiveSampler.stop().peakResidentBytes - naiveBefore

        context.report.figure("\(Format.bytes(size)), 8 MiB chunks × 4 (SDK default)", Format.throughput(Int64(size), in: time),
                              target: "> 10 MB/s", naive: "one request from memory: \(Format.throughput(Int64(size), in: naiveTime))")
        context.report.figure("\(Format.bytes(size)), 5 MiB chunks × 3 (guide's)", Format.throughput(Int64(size), in: guideTime))
        context.report.figure("memory while uploading", "+\(Format.bytes(max(0, streamedMemory)))",
                              naive: "one request from memory: +\(Format.bytes(max(0, naiveMemory)))")
        context.report.check(Format.megabytesPerSecond(Int64(size), in: time) > 10, "the chunked upload runs faster than 10 MB/s")
        if context.isEmulated {
            context.report.figure("chunk requests for \(chunks) chunks", "\(puts) (one injected 500, sent again)")
            context.report.check(puts == chunks + 1, "the failed chunk was sent again, and only it")
        }
        let copy = files.directory.appendingPathComponent("volume.copy")
        try await client.files.download(id: file.id, to: copy)
        context.report.check(FileManager.default.contentsEqual(atPath: source.path, andPath: copy.path),
                             "the file downloads back byte-identical")
        for id in [guideFile.id, file.id, naiveFile.id] { try await client.files.delete(id: id) }
    }

    /// Compression: with `.automatic` (the default) text-like files over 1 MiB are sent gzip-compressed and restored on
    /// download; the guide's `isCompressible` is `UploadCompression.isCompressible(mimeType:)`.
    static func compression(_ context: ExampleContext, _ files: SampleFiles) async throws {
        context.report.section("Compression")
        let size = context.size(64 << 20, small: 4 << 20)
        let source = try files.loadFile("loadfile.csv", bytes: size)
        let options = FileUploadOptions(fileName: "loadfile.csv", projectId: context.projectId, fileStoreId: context.fileStoreId,
                                        mimeType: "text/csv")
        let client = context.client
        var results: [(compression: UploadCompression, bytes: Int, time: Duration, id: String)] = []
        for compression in [UploadCompression.never, .automatic] {
            client.resetStatistics()
            let (file, time) = try await timed {
                try await client.files.upload(fileAt: source, options: options, transfer: TransferOptions(compression: compression))
            }
            let sent = client.statistics().operations.reduce(0) { $0 + $1.bytesSent }
            results.append((compression, sent, time, file.id))
        }
        let (plain, compressed) = (results[0], results[1])
        context.report.figure("\(Format.bytes(size)) CSV, gzip", "\(Format.bytes(compressed.bytes)) sent in \(Format.duration(compressed.time))",
                              naive: "uncompressed: \(Format.bytes(plain.bytes)) in \(Format.duration(plain.time))")
        let wire = { (bytes: Int) in Format.duration(.seconds(Double(bytes) * 8 / 100e6)) }
        context.report.figure("on the wire at 100 Mbit/s", wire(compressed.bytes), naive: "uncompressed: \(wire(plain.bytes))")
        context.report.note("(over loopback sending costs almost nothing, so compressing there only adds time)")
        let types = ["text/csv", "application/json", "image/svg+xml", "application/pdf", "image/jpeg"]
        context.report.note("compressible: " + types.map { "\($0) \(UploadCompression.isCompressible(mimeType: $0) ? "yes" : "no")" }
            .joined(separator: ", "))
        context.report.check(compressed.bytes * 3 < plain.bytes, "gzip sent less than a third of the bytes")
        let copy = files.directory.appendingPathComponent("loadfile.copy.csv")
        try await client.files.download(id: compressed.id, to: copy)
        context.report.check(FileManager.default.contentsEqual(atPath: source.path, andPath: copy.path),
                             "the compressed upload downloads back as the original bytes")
        for result in results { try await client.files.delete(id: result.id) }
    }
}
