import Dispatch
import IconectMCP
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes SIGTERM and SIGINT end the server's input as end of file does, so that the calls in flight still answer
/// and the client logs out before the process exits 0. Keep the returned sources alive.
///
/// Lives outside main.swift so the handlers are not isolated to the main actor: Dispatch runs them on its own queue.
func installShutdownSignals(transport: BlockingStdioTransport, logger: Logger) -> [any DispatchSourceSignal] {
    [SIGTERM, SIGINT].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { @Sendable in
            logger.info("signal \(number): finishing the calls in flight, then stopping")
            Task { await transport.stopReceiving() }
        }
        source.resume()
        return source
    }
}
