import GWSReconciler
import GWSSpec

/// `gwsctl plan` with no operator running: what `up` would start.
public enum LocalPlanner {
    public static func plan(_ request: ApplyRequest) -> ApplyResponse {
        switch SpecLoader.load(files: request.files, set: request.set, setString: request.setString) {
        case .failure(let errors):
            return ApplyResponse(applied: false, errors: errors.issues, plan: [])
        case .success(let loaded):
            let desired = DesiredStatePlanner.plan(
                loaded.spec, context: PlanContext(deploymentName: loaded.name, consulURL: ""))
            let result = Reconciler.reconcile(desired: desired, observed: [:], now: .zero)
            return ApplyResponse(applied: false, errors: [], plan: result.actions.map(ClusterController.planStep))
        }
    }
}
