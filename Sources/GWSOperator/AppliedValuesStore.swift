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

    static func write(_ values: Value, _ state: StateDirectory) throws {
        try StateDirectory.writeAtomically(Data(values.jsonString(pretty: true).utf8), to: state.appliedValuesFile)
    }
}
