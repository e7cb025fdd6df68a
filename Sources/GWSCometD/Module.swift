// The GWSCometD module; see its types.
