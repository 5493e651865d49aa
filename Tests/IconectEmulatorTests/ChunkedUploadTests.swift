import Foundation
import Testing

@testable import IconectEmulator

@Suite("Files and chunked uploads", .timeLimit(.minutes(5)))
struct ChunkedUploadTests {
    static let chunkSize = 256 * 1024

    static func pattern(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
    }

    @Test func chunkedSessionLifecycle() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let data = Self.pattern(Self.chunkSize * 2 + 1_000)
            let initiated = try await client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "production.bin", "fileSize": .number(Double(data.count)), "projectId": .string(server.seed.projectId),
                "fileStoreId": .string(server.seed.fileStoreId), "chunkSize": .number(Double(Self.chunkSize)),
            ], token: token)
            #expect(initiated.status == 201)
            let session = try initiated.json
            let id = try #require(session["id"]?.stringValue)
            #expect(session["totalChunks"] == 3)
            #expect(session["uploadedChunks"] == [])
            #expect(session["status"] == "active")
            let chunks = (0..<3).map { data[($0 * Self.chunkSize)..<min(data.count, ($0 + 1) * Self.chunkSize)] }

            func put(_ number: Int, _ bytes: Data, digest: String?? = .none) async throws -> HTTPAnswer {
                var headers = ["Content-Type": "application/octet-stream"]
                if let digest = digest ?? Digest.sha256Hex(Array(bytes)) { headers["X-Chunk-SHA256"] = digest }
                return try await client.send("PUT", "/v1/files/upload/chunked/\(id)/chunks/\(number)", headers: headers, body: bytes, token: token)
            }

            let mismatch = try await put(0, Data(chunks[0]), digest: String(repeating: "0", count: 64))
            #expect(mismatch.status == 400)
            // A chunk without its digest is refused before it is read, and nothing is stored.
            let undigested = try await put(0, Data(chunks[0]), digest: .some(nil))
            #expect(undigested.status == 400)
            #expect(try undigested.json["error"]?["code"] == "CHECKSUM_REQUIRED")
            #expect(try await client.send("GET", "/v1/files/upload/chunked/\(id)", token: token).json["uploadedChunks"] == [])
            let wrongSize = try await put(0, Data(chunks[0].dropLast()))
            #expect(wrongSize.status == 409)
            let shortLast = try await put(2, Data(chunks[0]))
            #expect(shortLast.status == 409)

            #expect(try await put(0, Data(chunks[0])).status == 200)
            #expect(try await put(2, Data(chunks[2])).status == 200)
            let status = try await client.send("GET", "/v1/files/upload/chunked/\(id)", token: token)
            #expect(try status.json["uploadedChunks"] == [0, 2])

            let incomplete = try await client.send("POST", "/v1/files/upload/chunked/\(id)/complete", token: token)
            #expect(incomplete.status == 409)
            #expect(incomplete.text.contains("1"))
            #expect(try incomplete.json["error"]?["details"]?["missingChunks"] == [1])

            let base64 = try await client.sendJSON("POST", "/v1/files/upload/chunked/\(id)/chunks/1",
                                                   ["chunkData": .string(Data(chunks[1]).base64EncodedString()),
                                                    "sha256": .string(Digest.sha256Hex(Array(chunks[1])))], token: token)
            #expect(base64.status == 200)
            let complete = try await client.send("POST", "/v1/files/upload/chunked/\(id)/complete", token: token)
            #expect(complete.status == 201)
            let file = try complete.json
            #expect(file["status"] == "available")
            #expect(file["size"]?.intValue == data.count)
            let fileId = try #require(file["id"]?.stringValue)

            let full = try await client.send("GET", "/v1/files/\(fileId)/download", token: token)
            #expect(full.status == 200)
            #expect(full.body == data)
            #expect(full.header("Accept-Ranges") == "bytes")
            #expect(full.header("Content-Length") == String(data.count))
            let etag = try #require(full.header("ETag"))

            let slice = try await client.send("GET", "/v1/files/\(fileId)/download", headers: ["Range": "bytes=1000-1999"], token: token)
            #expect(slice.status == 206)
            #expect(slice.body == data[1000..<2000])
            #expect(slice.header("Content-Range") == "bytes 1000-1999/\(data.count)")
            let suffix = try await client.send("GET", "/v1/files/\(fileId)/download", headers: ["Range": "bytes=-10"], token: token)
            #expect(suffix.body == data.suffix(10))
            let open = try await client.send("GET", "/v1/files/\(fileId)/download", headers: ["Range": "bytes=\(data.count - 5)-"], token: token)
            #expect(open.body == data.suffix(5))
            let unsatisfiable = try await client.send("GET", "/v1/files/\(fileId)/download", headers: ["Range": "bytes=\(data.count)-"], token: token)
            #expect(unsatisfiable.status == 416)
            #expect(unsatisfiable.header("Content-Range") == "bytes */\(data.count)")
            let notModified = try await client.send("GET", "/v1/files/\(fileId)/download", headers: ["If-None-Match": etag], token: token)
            #expect(notModified.status == 304)
        }
    }

    @Test func wholeFileDigestIsVerified() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let data = Self.pattern(1_000)
            let initiated = try await client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "x.bin", "fileSize": 1_000, "projectId": .string(server.seed.projectId),
                "fileStoreId": .string(server.seed.fileStoreId), "sha256": .string(String(repeating: "a", count: 64)),
            ], token: token)
            let id = try #require(try initiated.json["id"]?.stringValue)
            #expect(try initiated.json["chunkSize"] == 8_388_608)
            let put = try await client.send("PUT", "/v1/files/upload/chunked/\(id)/chunks/0",
                                            headers: ["X-Chunk-SHA256": Digest.sha256Hex(Array(data))], body: data, token: token)
            #expect(put.status == 200)
            let complete = try await client.send("POST", "/v1/files/upload/chunked/\(id)/complete", token: token)
            #expect(complete.status == 400)

            let badChunkSize = try await client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "x.bin", "fileSize": 1_000, "projectId": .string(server.seed.projectId),
                "fileStoreId": .string(server.seed.fileStoreId), "chunkSize": 1_024,
            ], token: token)
            #expect(badChunkSize.status == 400)
            #expect(try badChunkSize.json["error"]?["details"]?["fields"]?["chunkSize"] != nil)

            let abort = try await client.send("DELETE", "/v1/files/upload/chunked/\(id)", token: token)
            #expect(abort.status == 204)
            #expect(try await client.send("GET", "/v1/files/upload/chunked/\(id)", token: token).status == 404)
        }
    }

    @Test func plainUploadsMultipartAndBase64() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let content = Self.pattern(5_000)
            let boundary = "Boundary-\(UUID().uuidString)"
            var body = Data()
            func field(_ name: String, _ value: String) {
                body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            field("projectId", server.seed.projectId)
            field("fileStoreId", server.seed.fileStoreId)
            field("metadata", "{\"custodian\":\"Alice\"}")
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"memo.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let multipart = try await client.send("POST", "/v1/files/upload", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body, token: token)
            #expect(multipart.status == 201, "\(multipart.text)")
            let file = try multipart.json
            #expect(file["name"] == "memo.pdf")
            #expect(file["mimeType"] == "application/pdf")
            #expect(file["size"] == 5_000)
            #expect(file["metadata"]?["custodian"] == "Alice")
            let id = try #require(file["id"]?.stringValue)
            #expect(try await client.send("GET", "/v1/files/\(id)/download", token: token).body == content)

            let json = try await client.sendJSON("POST", "/v1/files/upload", [
                "fileName": "note.txt", "fileContent": .string(Data("hello".utf8).base64EncodedString()),
                "projectId": .string(server.seed.projectId), "fileStoreId": .string(server.seed.fileStoreId),
            ], token: token)
            #expect(json.status == 201)
            let noteId = try #require(try json.json["id"]?.stringValue)
            #expect(try await client.send("GET", "/v1/files/\(noteId)/download", token: token).text == "hello")

            let list = try await client.send("GET", "/v1/files?projectId=\(server.seed.projectId)", token: token)
            #expect(try list.json["total"] == 2)
            let stats = try await client.send("GET", "/v1/filestores/\(server.seed.fileStoreId)/stats", token: token)
            #expect(try stats.json["totalFiles"] == 2)
            #expect(try await client.send("DELETE", "/v1/files/\(noteId)", token: token).status == 204)
            #expect(try await client.send("GET", "/v1/files/\(noteId)", token: token).status == 404)
        }
    }
}
