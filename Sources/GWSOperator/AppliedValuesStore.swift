import Foundation
import GWSRuntime
import GWSSpec

/// The values applied last, kept in `<state>/applied-values.json` so a
/// restarted operator (or `--reuse-values`) starts from them.
enum AppliedValuesStore {
    static func read(_ state: StateDirectory) -> Value? {
        guard let data = try? Data(contentsOf: state.appliedValuesFile) else { return nil }
        return try? Value(json: String(decoding: data, as: UTF8.self))
    }

    /// The spec `request` asks for: its files and `--set`s, over the values
    /// applied last when it has none (or asks to reuse them).
    static func load(_ request: ApplyRequest, _ state: StateDirectory) throws -> LoadedSpec {
        let useApplied = request.files.isEmpty && request.set.isEmpty && request.setString.isEmpty
        return try SpecLoader.load(
            files: request.files, set: request.set, setString: request.setString,
            previous: useApplied || request.reuseValues ? read(state) : nil
        ).get()
    }

    static func write(_ values: Value, _ state: StateDirectory) throws {
        try StateDirectory.writeAtomically(Data(values.jsonString(pretty: true).utf8), to: state.appliedValuesFile)
    }
}
