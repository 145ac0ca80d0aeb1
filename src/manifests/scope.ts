// Kinds that live outside namespaces; everything else gets the release namespace when
// metadata.namespace is empty, as helm/kubectl apply would do.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'CSIDriver',
  'ClusterExternalSecret',
  'ClusterIssuer',
  'ClusterPolicy',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeSnapshotClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** metadata.namespace, else `fallback` for namespaced kinds; undefined for cluster-scoped kinds. */
export function effectiveNamespace(kind: string, declared: unknown, fallback: string): string | undefined {
  if (isClusterScoped(kind)) return undefined;
  return typeof declared === 'string' && declared.length > 0 ? declared : fallback;
}
