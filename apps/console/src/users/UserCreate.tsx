import { Create, email, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { ROLE_CHOICES } from './choices';

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <TextInput source="email" type="email" validate={[required(), email()]} />
      <TextInput source="display_name" validate={required()} />
      <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
      {/* The password policy is the server's: a weak password answers 400 on `password`, shown here. */}
      <PasswordInput source="password" autoComplete="new-password" validate={required()} />
    </SimpleForm>
  </Create>
);
