import { checkInputsHint, inputsNamedIn } from "./badRequest";

describe("a 400's hint", () => {
  const fields = { loginUrl: "login_url", name: "name" };

  it("names the inputs whose API fields occur as whole words, in the fields' order", () => {
    expect(inputsNamedIn('{"message":"name and login_url are invalid"}', fields)).toEqual([
      "loginUrl",
      "name",
    ]);
    expect(inputsNamedIn("profile_name is required", fields)).toEqual([]);
  });

  it("says which inputs to check, each once, or the resource's inputs in general", () => {
    expect(checkInputsHint("Proxy", ["name"])).toBe("Check the Proxy input name");
    expect(checkInputsHint("Proxy", ["name", "type", "name"])).toBe(
      "Check the Proxy inputs name, type",
    );
    expect(checkInputsHint("Proxy", [])).toBe("Check the Proxy's inputs");
  });
});
