// The GWSKubernetes module; see its types.
