import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server on loopback that answers however a test tells it to: redirects, bombs, endless or truncated bodies,
/// trickled bytes, garbage. Started and stopped by the test; it records every request it received.
///
/// Each connection runs on its own thread with blocking sockets, so a behaviour can be written as straight-line code
/// ("send the head, then one byte a second"). `@unchecked Sendable` is safe: its mutable state is behind `Mutex`es, and
/// the listening descriptor is written once, before the accept thread starts.
final class HostileServer: @unchecked Sendable {
    /// One request as the server read it.
    struct Request: Sendable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: Data

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// The client end of one exchange, for a behaviour to answer on.
    struct Connection: Sendable {
        fileprivate let descriptor: Int32
        /// The base URLs of every server of the test, this one included (`peers[1]` is another origin).
        let peers: [URL]
        /// The server's count of bytes the client accepted.
        fileprivate let sent: ByteCount

        /// Writes all of `data`; false once the client has gone.
        @discardableResult
        func write(_ data: Data) -> Bool {
            data.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let sent = send(descriptor, raw.baseAddress! + done, raw.count - done, Int32(MSG_NOSIGNAL))
                    if sent < 0, errno == EINTR { continue }
                    guard sent > 0 else { return false }
                    done += sent
                    self.sent.value.add(sent, ordering: .relaxed)
                }
                return true
            }
        }

        @discardableResult
        func write(_ text: String) -> Bool { write(Data(text.utf8)) }

        /// Writes a complete response.
        @discardableResult
        func respond(_ status: Int, _ headers: [String: String] = [:], body: Data = Data()) -> Bool {
            var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\n"
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
            return write(Data((head + "\r\n").utf8) + body)
        }

        /// A JSON answer.
        @discardableResult
        func json(_ text: String, status: Int = 200) -> Bool {
            respond(status, ["Content-Type": "application/json"], body: Data(text.utf8))
        }

        /// Closes the connection without another byte.
        func close() {
            shutdown(descriptor, Int32(SHUT_RDWR))
        }

        /// Whether the client has closed its end.
        var clientLeft: Bool {
            var byte: UInt8 = 0
            return recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0
        }

        /// Pauses the answer (a trickling server's pace).
        func pause(_ duration: Duration) {
            Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    typealias Behaviour = @Sendable (Request, Connection) -> Void

    let port: Int
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let listener: Int32
    private let behaviour: Behaviour
    /// A counter shared by the server and its connections.
    final class ByteCount: Sendable {
        let value = Atomic<Int>(0)
    }

    private let sentBytes = ByteCount()
    private let log = Mutex<[Request]>([])
    private let open = Mutex<Set<Int32>>([])
    private let stopped = Mutex(false)
    private let finished = DispatchGroup()
    fileprivate let peers = Mutex<[URL]>([])

    /// Binds a free loopback port and starts answering with `behaviour`.
    init(_ behaviour: @escaping Behaviour) throws {
        self.behaviour = behaviour
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket failed") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw HarnessError("bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        finished.enter()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every request received so far.
    var requests: [Request] { log.withLock { $0 } }

    /// The bytes the clients accepted so far, on every connection: how much of an endless body was read.
    var bytesSent: Int { sentBytes.value.load(ordering: .relaxed) }

    /// Stops accepting, closes every connection and waits for the threads to end.
    func stop() {
        guard stopped.withLock({ state in defer { state = true }; return !state }) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        for descriptor in open.withLock({ $0 }) { shutdown(descriptor, Int32(SHUT_RDWR)) }
        finished.wait()
        close(listener)
    }

    private func acceptLoop() {
        defer { finished.leave() }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            guard !stopped.withLock({ $0 }) else {
                close(client)
                return
            }
            open.withLock { _ = $0.insert(client) }
            finished.enter()
            Thread { [self] in
                serve(client)
                open.withLock { _ = $0.remove(client) }
                close(client)
                finished.leave()
            }.start()
        }
    }

    /// Reads requests off one connection and lets the behaviour answer each, until either side closes.
    private func serve(_ descriptor: Int32) {
        var buffer = Data()
        while let request = readRequest(descriptor, &buffer) {
            log.withLock { $0.append(request) }
            behaviour(request, Connection(descriptor: descriptor, peers: peers.withLock { $0 }, sent: sentBytes))
            if stopped.withLock({ $0 }) { return }
        }
    }

    private func readRequest(_ descriptor: Int32, _ buffer: inout Data) -> Request? {
        func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        let separator = Data("\r\n\r\n".utf8)
        var end = buffer.range(of: separator)
        while end == nil {
            guard fill() else { return nil }
            end = buffer.range(of: separator)
        }
        guard let end else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        buffer = Data(buffer[end.upperBound...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap(Int.init) ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Data(buffer.prefix(length))
        buffer = Data(buffer.dropFirst(length))
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }
}

/// Runs `body` with hostile servers made from `behaviours` (one per behaviour, each its own origin), stopping them after.
func withHostileServers<T>(_ behaviours: [HostileServer.Behaviour], _ body: ([HostileServer]) async throws -> T) async throws -> T {
    let servers = try behaviours.map { try HostileServer($0) }
    defer { for server in servers { server.stop() } }
    for server in servers { server.peers.withLock { $0 = servers.map(\.baseURL) } }
    return try await body(servers)
}

/// The resident memory of this process in bytes (Linux; 0 elsewhere).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The permission bits of the file at `url` (not following a link), or nil when there is nothing there.
func filePermissions(_ url: URL) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int
}
