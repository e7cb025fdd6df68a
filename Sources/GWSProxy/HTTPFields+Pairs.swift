import Hummingbird

extension HTTPFields {
    /// Fields from `(name, value)` pairs; pairs with an invalid name are skipped.
    init(pairs: [(name: String, value: String)]) {
        self.init()
        for pair in pairs {
            guard let name = Element.Name(pair.name) else { continue }
            append(Element(name: name, value: pair.value))
        }
    }

    /// The fields as `(name, value)` pairs, names as received.
    var pairs: [(name: String, value: String)] {
        map { (name: $0.name.rawName, value: $0.value) }
    }
}
