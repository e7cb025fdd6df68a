/// How `gwsctl template` (and later the in-cluster operator) turns a spec into
/// Kubernetes objects: the settings that belong to the installation, not to the
/// spec (images, namespace, optional monitoring objects).
public struct RenderOptions: Sendable, Equatable {
    /// Every GWS role runs `gws-service <role>` from this image.
    public var image: String
    public var imageTag: String
    public var imagePullPolicy: String
    /// Secrets for pulling the image.
    public var imagePullSecrets: [String]
    /// `metadata.namespace` of every object; `nil` leaves it to `kubectl apply -n`.
    public var namespace: String?
    /// Render a `monitoring.coreos.com/v1` ServiceMonitor per role.
    public var serviceMonitors: Bool
    /// Seconds the preStop hook waits so endpoints and the Consul registration
    /// drop the pod before it gets SIGTERM.
    public var drainSeconds: Int
    /// The `app.kubernetes.io/managed-by` label.
    public var managedBy: String

    /// The port every GWS container listens on for HTTP (`http`).
    public static let containerHTTPPort = 8080
    /// The proxy's HTTPS container port (`https`).
    public static let containerHTTPSPort = 8443

    public init(
        image: String = "gws-service", imageTag: String = RenderOptions.defaultTag,
        imagePullPolicy: String = "IfNotPresent", imagePullSecrets: [String] = [], namespace: String? = nil,
        serviceMonitors: Bool = false, drainSeconds: Int = 5, managedBy: String = "gws-operator"
    ) {
        self.image = image
        self.imageTag = imageTag
        self.imagePullPolicy = imagePullPolicy
        self.imagePullSecrets = imagePullSecrets
        self.namespace = namespace
        self.serviceMonitors = serviceMonitors
        self.drainSeconds = drainSeconds
        self.managedBy = managedBy
    }

    /// The image tag when none is given: the chart's appVersion.
    public static let defaultTag = "0.1.0"

    /// `image:tag` (just `image` when it already carries a digest).
    public var imageReference: String {
        image.contains("@") ? image : "\(image):\(imageTag)"
    }
}
