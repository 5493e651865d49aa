import Hummingbird

/// Hands every request to the emulator's pipeline.
struct EmulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: EmulatorState

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        await state.respond(to: request)
    }
}
