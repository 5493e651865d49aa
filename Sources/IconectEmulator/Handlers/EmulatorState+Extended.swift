import HTTPTypes
/// Special actions of the later areas (jobs, folders, users, …) beyond their generic CRUD rows.
extension EmulatorState {
    static var extendedRoutes: [Route] {
        []
    }
}
