import Foundation
import Testing

@testable import Iconect

@Suite("GzipStream and UploadCompression")
struct GzipStreamTests {
    private func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gzip-test-\(UUID().uuidString)-\(name)")
    }

    @Test(arguments: [0, 1, 100, 65_536, 65_537, 1_000_000])
    func roundTripsInMemory(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let text = Data((0..<size).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0..<8, using: &generator) })
        let compressed = try GzipStream.compress(text)
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try GzipStream.decompress(compressed) == text)
        if size >= 65_536 { #expect(compressed.count < size / 2) }
    }

    @Test func incompressibleDataRoundTripsToo() throws {
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(try GzipStream.decompress(GzipStream.compress(noise)) == noise)
    }

    @Test func corruptOrTruncatedInputIsADecodingError() throws {
        let compressed = try GzipStream.compress(Data(repeating: 7, count: 10_000))
        #expect(throws: IconectError.self) { try GzipStream.decompress(compressed.prefix(compressed.count - 6)) }
        var damaged = compressed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: IconectError.self) { try GzipStream.decompress(damaged) }
        #expect(throws: IconectError.self) { try GzipStream.decompress(Data("not gzip".utf8)) }
        #expect(throws: IconectError.self) { try GzipStream.decompress(compressed + Data([1, 2, 3])) }
    }

    @Test func decompressionHonoursItsLimit() throws {
        let compressed = try GzipStream.compress(Data(repeating: 0, count: 1_000_000))
        #expect(throws: IconectError.self) { try GzipStream.decompress(compressed, limit: 999_999) }
        #expect(try GzipStream.decompress(compressed, limit: 1_000_000).count == 1_000_000)
    }

    @Test func fileRoundTripIsReadableByGzipAndKeepsDigests() throws {
        let source = temporaryURL("source.csv")
        let packed = temporaryURL("packed.gz")
        let restored = temporaryURL("restored.csv")
        defer { for url in [source, packed, restored] { try? FileManager.default.removeItem(at: url) } }
        let rows = (0..<60_000).map { "row \($0),custodian \($0 % 17),\"privileged\",2024-01-\($0 % 28 + 1)\n" }.joined()
        try Data(rows.utf8).write(to: source)

        let reader = try FileReader(url: source)
        let packing = try FileWriter(replacing: packed)
        let compressed = try GzipStream.compressFile(reader, into: packing)
        packing.close()
        reader.close()
        #expect(compressed.originalSize == Int64(rows.utf8.count))
        #expect(compressed.originalSHA256 == sha256Hex(Data(rows.utf8)))
        #expect(compressed.sha256 == sha256Hex(try Data(contentsOf: packed)))
        #expect(compressed.size < compressed.originalSize / 4)

        let restoring = try FileWriter(replacing: restored)
        let result = try GzipStream.decompressFile(packed, into: restoring, limit: .max, limitName: "test")
        restoring.close()
        #expect(result.size == compressed.originalSize && result.sha256 == compressed.originalSHA256)
        #expect(try Data(contentsOf: restored) == Data(rows.utf8))
        // A limit below the original size stops the restore with .tooLarge, having written no more than it.
        let bounded = try FileWriter(replacing: temporaryURL("bounded.csv"))
        defer {
            bounded.close()
            try? FileManager.default.removeItem(at: bounded.url)
        }
        let refusal = try iconectError { _ = try GzipStream.decompressFile(packed, into: bounded, limit: 1000, limitName: "test") }
        #expect(refusal.code == .tooLarge && bounded.written <= 1000)

        // The system's gzip reads what we wrote.
        let gzip = URL(fileURLWithPath: "/bin/gzip")
        if FileManager.default.isExecutableFile(atPath: gzip.path) {
            let process = Process()
            process.executableURL = gzip
            process.arguments = ["-d", "-c", packed.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(output == Data(rows.utf8))
        }
    }

    @Test func automaticCompressesLargeTextOnly() {
        let big = UploadCompression.automaticThreshold + 1
        #expect(UploadCompression.automatic.applies(size: big, mimeType: "text/plain", fileName: "a.bin"))
        #expect(UploadCompression.automatic.applies(size: big, mimeType: "application/json; charset=utf-8", fileName: "a"))
        #expect(UploadCompression.automatic.applies(size: big, mimeType: "application/vnd.api+json", fileName: "a"))
        #expect(UploadCompression.automatic.applies(size: big, mimeType: nil, fileName: "export.CSV"))
        #expect(UploadCompression.automatic.applies(size: big, mimeType: nil, fileName: "drawing.svg"))
        #expect(!UploadCompression.automatic.applies(size: big, mimeType: "application/pdf", fileName: "a.txt"))
        #expect(!UploadCompression.automatic.applies(size: big, mimeType: nil, fileName: "photo.jpg"))
        #expect(!UploadCompression.automatic.applies(size: UploadCompression.automaticThreshold, mimeType: "text/plain", fileName: "a"))
        #expect(UploadCompression.always.applies(size: 1, mimeType: "image/jpeg", fileName: "a.jpg"))
        #expect(!UploadCompression.never.applies(size: big, mimeType: "text/plain", fileName: "a.txt"))
    }

    @Test func transferOptionsAreValidated() {
        #expect(throws: IconectError.self) { try TransferOptions(chunkSize: 1000).validate(operation: "x") }
        #expect(throws: IconectError.self) { try TransferOptions(concurrency: 0).validate(operation: "x") }
        #expect(throws: IconectError.self) { try TransferOptions(chunkAttempts: 0).validate(operation: "x") }
        #expect(throws: Never.self) { try TransferOptions().validate(operation: "x") }
    }

    @Test func bulkOptionsAreValidatedAndTransientFailuresRecognised() {
        #expect(throws: IconectError.self) { try BulkOptions(batchSize: 10_001).validate(operation: "x") }
        #expect(throws: IconectError.self) { try BulkOptions(batchSize: 0).validate(operation: "x") }
        #expect(throws: IconectError.self) { try BulkOptions(concurrency: 0).validate(operation: "x") }
        #expect(BulkEngine.isTransient(.init(recordId: "r", error: "x", code: "RECORD_LOCKED")))
        #expect(BulkEngine.isTransient(.init(recordId: "r", error: "Record is locked, try again")))
        #expect(!BulkEngine.isTransient(.init(recordId: "r", error: "Record 'r' was not found")))
        #expect(!BulkEngine.isTransient(.init(recordId: "r", error: "locked", code: "NOT_FOUND")))
        #expect(BulkEngine.iconectError(.init(recordId: "r", error: "Record 'r' was not found")).code == .notFound)
        #expect(BulkEngine.iconectError(.init(recordId: "r", error: "x", code: "RECORD_LOCKED")).serverCode == "RECORD_LOCKED")
    }
}
