/** The Pulumi program of the project at the repository root (see Pulumi.yaml). */
import { netflixStack } from "./netflix";

const { netflix, status } = netflixStack();

export const connectionId = netflix.id;
export { status };
export const canReauth = netflix.canReauth;
