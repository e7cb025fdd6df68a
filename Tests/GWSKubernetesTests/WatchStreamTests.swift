import GWSKubernetes
import GWSSpec
import Testing

@Suite struct WatchStreamTests {
    @Test func linesAreSplitAcrossChunkBoundaries() {
        var splitter = WatchLineSplitter()
        let text =
            #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"# + "\n"
            + #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}"# + "\n" + #"{"type":"DEL"#
        let bytes = Array(text.utf8)
        var lines: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 7) {
            lines += splitter.append(bytes[start..<min(start + 7, bytes.count)])
        }
        #expect(lines.count == 2)
        #expect(WatchEvent(line: lines[0])?.type == .added)
        #expect(WatchEvent(line: lines[1])?.object["metadata"]?["resourceVersion"] == "9")
        #expect(splitter.finish() == #"{"type":"DEL"#)
        #expect(splitter.finish() == nil)
    }

    @Test func a410InsideTheStreamIsAnErrorEventWithItsCode() {
        let event = WatchEvent(
            line:
                #"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 5 (9)"}}"#
        )
        #expect(event?.type == .error)
        #expect(event?.errorCode == 410)
        let error = KubernetesAPIError(httpStatus: 200, body: event?.object, method: "WATCH", path: "/x")
        #expect(error.code == .gone)
        #expect(error.message == "too old resource version: 5 (9)")
        #expect(WatchEvent(line: "not json") == nil)
        #expect(WatchEvent(line: #"{"type":"SOMETHING","object":{}}"#) == nil)
    }

    @Test func apiErrorsCarryTheStatusMessage() throws {
        let body = try Value(
            json: #"{"kind":"Status","code":409,"reason":"Conflict","message":"the object has been modified"}"#)
        let conflict = KubernetesAPIError(httpStatus: 409, body: body, method: "PATCH", path: "/apis/x")
        #expect(conflict.code == .conflict)
        #expect(conflict.description == "PATCH /apis/x: 409 Conflict: the object has been modified")
        #expect(KubernetesAPIError(httpStatus: 422, body: nil, method: "PATCH", path: "/").code == .invalid)
        #expect(KubernetesAPIError(httpStatus: 404, body: nil, method: "GET", path: "/").code == .notFound)
        #expect(KubernetesAPIError(httpStatus: 503, body: nil, method: "GET", path: "/").code == .server)
    }

    @Test func resourcePaths() {
        #expect(
            APIResource.gwsDeployments.collectionPath(namespace: nil) == "/apis/gws.genesys.com/v1alpha1/gwsdeployments"
        )
        #expect(
            APIResource.gwsDeployments.objectPath(namespace: "ns", name: "gws", subresource: "status")
                == "/apis/gws.genesys.com/v1alpha1/namespaces/ns/gwsdeployments/gws/status")
        #expect(APIResource.configMaps.objectPath(namespace: "ns", name: "c") == "/api/v1/namespaces/ns/configmaps/c")
        #expect(APIResource.forObject(apiVersion: "policy/v1", kind: "PodDisruptionBudget") == .podDisruptionBudgets)
        #expect(APIResource.forObject(apiVersion: "v1", kind: "Secret") == nil)
    }
}
